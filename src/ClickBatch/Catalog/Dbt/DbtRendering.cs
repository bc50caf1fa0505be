using System.Text.Json;

namespace ClickBatch.Catalog.Dbt;

/// <summary>The dbt project rendered for one invocation: models in dependency order, then the tests.</summary>
public sealed record DbtRendering(IReadOnlyList<DbtModel> Models, IReadOnlyList<DbtTest> Tests)
{
    /// <summary>Reads the renderer's JSON (<c>{"models": [...], "tests": [...]}</c>).</summary>
    public static DbtRendering Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var models = root.GetProperty("models").EnumerateArray().Select(m => new DbtModel(
            m.GetProperty("name").GetString()!,
            m.GetProperty("sql").GetString()!,
            m.GetProperty("materialized").GetString()!,
            m.GetProperty("config").TryGetProperty("unique_key", out var key) ? key.GetString() : null)).ToList();
        var tests = root.GetProperty("tests").EnumerateArray().Select(t => new DbtTest(
            t.GetProperty("name").GetString()!,
            t.GetProperty("kind").GetString()!,
            t.GetProperty("sql").GetString()!)).ToList();
        return new DbtRendering(models, tests);
    }

    /// <summary>The model named <paramref name="name"/>; throws when the project has none.</summary>
    public DbtModel Model(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"The rendered dbt project has no model '{name}'; it has: {string.Join(", ", Models.Select(m => m.Name))}.");
}
