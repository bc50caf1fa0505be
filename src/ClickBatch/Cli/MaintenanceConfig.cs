using ClickBatch.Configuration;
using ClickBatch.Errors;

namespace ClickBatch.Cli;

/// <summary>
/// What the maintenance verbs (<c>optimize</c>, <c>promote</c>, <c>vacuum</c>, <c>register</c>) take from the run's
/// configuration: the same <c>--config</c> file and <c>CLICKBATCH_*</c> variables <c>run</c> reads, so a scheduled
/// maintenance task needs no second copy of the lake, the Glue database or the table names (issue 18). The verb's own
/// flags win, as they do in <c>run</c>.
/// </summary>
internal sealed record MaintenanceConfig(string? Lake, string? GlueDatabase, IReadOnlyList<TopicOptions>? Topics, int? TargetFileSizeMiB)
{
    private static readonly MaintenanceConfig None = new(null, null, null, null);

    /// <summary>Loads the file (when given) and the environment; nothing when neither says anything.</summary>
    public static MaintenanceConfig Load(CliContext context, string? configFile)
    {
        var environment = OptionsLoader.FromEnvironment(context.Environment).Any();
        if (configFile is null && !environment)
        {
            return None;
        }

        var options = OptionsLoader.Load(configFile, context.Environment, new Dictionary<string, string?>());
        return new MaintenanceConfig(
            string.IsNullOrWhiteSpace(options.Lake) ? null : options.Lake,
            string.IsNullOrWhiteSpace(options.Catalog.GlueDatabase) ? null : options.Catalog.GlueDatabase,
            options.Topics.Count == 0 ? null : options.Topics,
            options.Run.TargetFileSizeMiB);
    }

    /// <summary>
    /// The configured topics' tables as names under the lake, or null when none are configured. Read only when no flag
    /// names the tables: a topic whose table is a location is refused then, and only then (flags win).
    /// </summary>
    /// <param name="withRejects">Whether the verb also works on each table's <c>_rejects</c> table (a differently named one is refused).</param>
    public IReadOnlyList<string>? TopicTables(bool withRejects) => Topics?.Select((t, i) => TableName(t, i, withRejects)).ToList();

    /// <summary>The configured topics' tables and rejects tables, as names under the lake.</summary>
    public IReadOnlyList<string>? TablesWithRejects =>
        TopicTables(withRejects: true)?.SelectMany(t => new[] { t, t + "_rejects" }).ToList();

    private static string TableName(TopicOptions topic, int index, bool withRejects)
    {
        var name = topic.Table ?? topic.Name ?? throw new ConfigurationException($"Topics[{index}].Name is missing.");
        if (withRejects && topic.RejectsTable is not null && topic.RejectsTable != name + "_rejects")
        {
            throw new ConfigurationException($"Topics[{index}].RejectsTable is '{topic.RejectsTable}', not '{name}_rejects': maintenance verbs "
                + "find tables by name under the lake; pass --lake and --table (or --tables) naming them.");
        }

        return name.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(name) || name.Contains('/', StringComparison.Ordinal)
            ? throw new ConfigurationException($"Topics[{index}].Table is the location '{name}', not a table name under the lake: maintenance verbs "
                + "find tables by name under the lake; pass --lake and --table (or --tables) naming them.")
            : name;
    }
}
