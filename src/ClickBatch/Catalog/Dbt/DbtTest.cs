namespace ClickBatch.Catalog.Dbt;

/// <summary>A dbt data test rendered to a query that returns the failing rows (none when the test passes).</summary>
/// <param name="Name">dbt-style test name, e.g. <c>unique_stg_clicks_click_id</c> or the singular test's file name.</param>
/// <param name="Kind"><c>schema</c> (from the YAML) or <c>singular</c> (from <c>dbt/tests</c>).</param>
/// <param name="Sql">The rendered query.</param>
public sealed record DbtTest(string Name, string Kind, string Sql);
