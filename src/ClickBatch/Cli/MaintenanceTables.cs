using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.Storage;

namespace ClickBatch.Cli;

/// <summary>The tables maintenance verbs work on: the one --table names, or clicks, checkouts and their rejects tables.</summary>
internal static class MaintenanceTables
{
    public static readonly IReadOnlyList<string> Default = ["clicks", "clicks_rejects", "checkouts", "checkouts_rejects"];

    public static IReadOnlyList<string> Resolve(string? table) =>
        string.IsNullOrWhiteSpace(table)
            ? Default
            : table.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// Refuses (exit 2, before any ledger entry) a lake where none of the tables exists: a wrong --lake or --table
    /// would otherwise "succeed" with nothing done and leave a ledger folder in a place that is no lake.
    /// </summary>
    public static async Task EnsureAnyExistsAsync(string lake, IReadOnlyList<string> tables, Func<string, IObjectStore> openStore, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            if (await new DeltaLog(openStore(lake.TrimEnd('/') + "/" + table)).ExistsAsync(cancellationToken))
            {
                return;
            }
        }

        throw new ConfigurationException("no Delta table under " + lake + ": looked for " + string.Join(", ", tables)
            + ". Check --lake (the lake root 'clickbatch run' writes to) and --table.");
    }

    public static string? Problem(string? table) =>
        table is not null && Resolve(table).Any(t => t.Contains('/', StringComparison.Ordinal) || t.StartsWith('_'))
            ? "--table must name tables directly under the lake (e.g. clicks or clicks,clicks_rejects), got '" + table + "'."
            : null;
}
