using System.Text.Json;
using System.Text.Json.Serialization;
using ClickBatch.Storage;

namespace ClickBatch.Ledger;

/// <summary>
/// The lake's ledger: one JSON entry per run under <c>_clickbatch/runs/</c>. Entries are written when a run starts
/// (status Running) and replaced when it ends, so a run killed by SIGKILL still leaves a trace.
/// </summary>
public sealed class RunLedger(IObjectStore lake)
{
    public const string Prefix = "_clickbatch/runs/";

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string KeyOf(string runId) => Prefix + runId + ".json";

    public async Task WriteAsync(RunReport report, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, JsonOptions);
        await lake.PutAsync(KeyOf(report.RunId), bytes, cancellationToken);
    }

    /// <summary>The newest entries first (run ids sort by start time), for one operation or all.</summary>
    public Task<IReadOnlyList<RunReport>> ReadLatestAsync(int count, string? operation, CancellationToken cancellationToken) =>
        ReadLatestAsync(count, report => operation is null || report.Operation == operation, cancellationToken);

    /// <summary>Entries read at once: a status over S3 reads up to 200 of them.</summary>
    private const int ReadWindow = 16;

    /// <summary>
    /// Entries the last <see cref="ReadLatestAsync(int, Func{RunReport, bool}, CancellationToken)"/> skipped because their
    /// content is not a ledger entry (edited by hand, or written by something else): their keys.
    /// </summary>
    public IReadOnlyList<string> Unreadable { get; private set; } = [];

    /// <summary>The newest entries first that <paramref name="match"/> accepts (e.g. one job's runs).</summary>
    public async Task<IReadOnlyList<RunReport>> ReadLatestAsync(int count, Func<RunReport, bool> match, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        var keys = new List<string>();
        await foreach (var info in lake.ListAsync(Prefix, startAfter: null, cancellationToken))
        {
            keys.Add(info.Key);
        }

        var reports = new List<RunReport>();
        var unreadable = new List<string>();
        foreach (var window in keys.OrderDescending(StringComparer.Ordinal).Chunk(ReadWindow))
        {
            var read = await Task.WhenAll(window.Select(key => ReadAsync(key, cancellationToken)));
            for (var i = 0; i < window.Length && reports.Count < count; i++)
            {
                if (read[i].Damaged)
                {
                    unreadable.Add(window[i]);
                }
                else if (read[i].Report is { } report && match(report))
                {
                    reports.Add(report);
                }
            }

            if (reports.Count == count)
            {
                break;
            }
        }

        Unreadable = unreadable;
        return reports;
    }

    /// <summary>One entry; none when it was deleted since the listing; damaged when its content is no ledger entry.</summary>
    private async Task<(RunReport? Report, bool Damaged)> ReadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var report = JsonSerializer.Deserialize<RunReport>(await lake.ReadAllBytesAsync(key, cancellationToken), JsonOptions);
            return (report, report is null);
        }
        catch (ObjectNotFoundException)
        {
            return (null, false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }
}
