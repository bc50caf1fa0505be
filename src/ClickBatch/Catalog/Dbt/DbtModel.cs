namespace ClickBatch.Catalog.Dbt;

/// <summary>One dbt model rendered to plain SQL by <c>scripts/dbt_render.py</c>.</summary>
/// <param name="Name">Model name (the file name), also its relation name in the target schema.</param>
/// <param name="Sql">The rendered SELECT.</param>
/// <param name="Materialized"><c>view</c>, <c>table</c> or <c>incremental</c>.</param>
/// <param name="UniqueKey">The incremental model's <c>unique_key</c>; null when it has none.</param>
public sealed record DbtModel(string Name, string Sql, string Materialized, string? UniqueKey);
