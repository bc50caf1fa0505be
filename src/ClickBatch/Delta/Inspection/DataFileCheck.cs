using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;

namespace ClickBatch.Delta.Inspection;

/// <summary>
/// <c>table describe --check</c> (issue 13 item 9): are the active files of a snapshot in the store, at the size the
/// log records? One LIST per folder holding active files (a partition), never a HEAD per file, so a table with
/// thousands of files in a few hundred partitions costs a few hundred requests.
/// </summary>
public sealed record DataFileCheck
{
    public long FilesChecked { get; init; }

    /// <summary>How many folders were listed (one LIST each, paginated by the store).</summary>
    public long FoldersListed { get; init; }

    public IReadOnlyList<MissingDataFile> Missing { get; init; } = [];

    public IReadOnlyList<WrongSizeDataFile> WrongSize { get; init; } = [];

    /// <summary>Rows the missing files held by their stats (null when one of them has no numRecords).</summary>
    public long? MissingRows { get; init; }

    public bool Passed => Missing.Count == 0 && WrongSize.Count == 0;

    public static async Task<DataFileCheck> RunAsync(IObjectStore store, Snapshot snapshot, CancellationToken cancellationToken)
    {
        var byFolder = snapshot.ActiveFiles
            .Select(f => (File: f, Key: DataFilePath.ToKey(snapshot.Table, f.Path)))
            .GroupBy(f => f.Key[..(f.Key.LastIndexOf('/') + 1)], StringComparer.Ordinal);
        var missing = new List<MissingDataFile>();
        var wrongSize = new List<WrongSizeDataFile>();
        var folders = 0;
        foreach (var folder in byFolder.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            folders++;
            var listed = await ListAsync(store, folder.Key, cancellationToken);
            foreach (var (file, key) in folder.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                if (!listed.TryGetValue(key, out var size))
                {
                    missing.Add(new MissingDataFile(file.Path, file.Size, FileStatistics.Parse(file.Stats)?.NumRecords));
                }
                else if (size != file.Size)
                {
                    wrongSize.Add(new WrongSizeDataFile(file.Path, file.Size, size));
                }
            }
        }

        return new DataFileCheck
        {
            FilesChecked = snapshot.ActiveFiles.Count,
            FoldersListed = folders,
            Missing = missing,
            WrongSize = wrongSize,
            MissingRows = missing.All(m => m.Rows is not null) ? missing.Sum(m => m.Rows!.Value) : null,
        };
    }

    private static async Task<Dictionary<string, long>> ListAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var listed = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var info in store.ListAsync(prefix, null, cancellationToken))
        {
            listed[info.Key] = info.Size;
        }

        return listed;
    }
}
