namespace ClickBatch.Cli;

/// <summary>The tables maintenance verbs work on: the one --table names, or clicks, checkouts and their rejects tables.</summary>
internal static class MaintenanceTables
{
    public static readonly IReadOnlyList<string> Default = ["clicks", "clicks_rejects", "checkouts", "checkouts_rejects"];

    public static IReadOnlyList<string> Resolve(string? table) =>
        string.IsNullOrWhiteSpace(table)
            ? Default
            : table.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? Problem(string? table) =>
        table is not null && Resolve(table).Any(t => t.Contains('/', StringComparison.Ordinal) || t.StartsWith('_'))
            ? "--table must name tables directly under the lake (e.g. clicks or clicks,clicks_rejects), got '" + table + "'."
            : null;
}
