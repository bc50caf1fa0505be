using System.Text.RegularExpressions;
using ClickBatch.Configuration;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Dbt;

/// <summary>
/// dbt and clickbatch run side by side from one environment (the ECS task, a shell that followed docs/dbt.md):
/// no variable the dbt project reads may be one clickbatch binds and refuses (its CLICKBATCH_ prefix).
/// </summary>
public sealed partial class DbtEnvironmentTests
{
    [Fact]
    public void EveryVariableTheDbtProjectReads_LeavesClickBatchConfigurationValid()
    {
        var dbt = Path.Combine(RepositoryRoot.Path, "dbt");
        var names = Directory.EnumerateFiles(dbt, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .SelectMany(f => EnvVar().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).ToList();
        names.ShouldContain(n => n.EndsWith("SPECTRUM_SCHEMA", StringComparison.Ordinal));

        var environment = names.ToDictionary(n => n, _ => "value", StringComparer.Ordinal);

        Should.NotThrow(() => OptionsLoader.Load(null, environment, new Dictionary<string, string?>()));
    }

    [GeneratedRegex("""env_var\(\s*['"]([A-Za-z0-9_]+)['"]""")]
    private static partial Regex EnvVar();
}
