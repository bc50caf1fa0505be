namespace ClickBatch.Catalog.Glue;

/// <summary>Names as Glue (and Hive) accept them: lower case letters, digits and underscores.</summary>
public static class GlueNames
{
    /// <summary>The Glue table of a Delta table named after its folder (<c>clicks-eu</c> becomes <c>clicks_eu</c>).</summary>
    public static string Table(string table) =>
        new(table.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
