using System.Globalization;
using ClickBatch.Decoding;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// Compacts the small files of one partition: downloads them, rewrites them with <see cref="FileCompactor"/>,
/// uploads the new files and returns the add and remove actions (dataChange=false: no row changed) for the commit.
/// The new files stay unreferenced until that commit; if it never happens, vacuum removes them.
/// </summary>
internal sealed class PartitionCompactor(IObjectStore store, IReadOnlyList<FieldSpec> fields, FileWriterOptions options, string staging)
{
    public async Task<(List<AddFile> Adds, List<RemoveFile> Removes, PartitionCompaction Summary)> CompactAsync(
        string partition, IReadOnlyList<AddFile> files, long now, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(staging, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var inputs = await DownloadAsync(files, folder, cancellationToken);
            var outputs = FileCompactor.Compact(inputs, fields, () => Path.Combine(folder, NewFileName()), options);
            var adds = await UploadAsync(partition, outputs, files, now, cancellationToken);
            var removes = files.Select(f => RemoveFile.For(f, now, dataChange: false)).ToList();
            var summary = new PartitionCompaction(partition, files.Count, files.Sum(f => f.Size), adds.Count, adds.Sum(a => a.Size), outputs.Sum(o => o.NumRecords));
            return (adds, removes, summary);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<List<string>> DownloadAsync(IReadOnlyList<AddFile> files, string folder, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var file in files)
        {
            var local = Path.Combine(folder, "in-" + paths.Count.ToString(CultureInfo.InvariantCulture) + ".parquet");
            await DownloadAsync(store, file, local, cancellationToken);
            paths.Add(local);
        }

        return paths;
    }

    /// <summary>Copies an active file of the table to a local path.</summary>
    internal static async Task DownloadAsync(IObjectStore store, AddFile file, string local, CancellationToken cancellationToken)
    {
        await using var source = await store.OpenReadAsync(DataFilePath.ToKey(store.RootUri, file.Path), cancellationToken);
        await using var target = File.Create(local);
        await source.CopyToAsync(target, cancellationToken);
    }

    internal static string NewFileName() => "part-" + Guid.NewGuid().ToString("D") + ".zstd.parquet";

    private async Task<List<AddFile>> UploadAsync(
        string partition, IReadOnlyList<CompactedFile> outputs, IReadOnlyList<AddFile> inputs, long now, CancellationToken cancellationToken)
    {
        var adds = new List<AddFile>();
        foreach (var output in outputs)
        {
            adds.Add(await UploadAsync(store, partition, output, inputs[0].PartitionValues, now, dataChange: false, KafkaOffsetsTag.Merge(inputs), cancellationToken));
        }

        return adds;
    }

    /// <summary>Uploads a rewritten file into its partition's folder; returns its add action (optimize and promote).</summary>
    internal static async Task<AddFile> UploadAsync(
        IObjectStore store, string partition, CompactedFile output, IReadOnlyDictionary<string, string?> partitionValues, long now, bool dataChange,
        IReadOnlyDictionary<string, string?>? tags, CancellationToken cancellationToken)
    {
        var key = (partition.Length == 0 ? string.Empty : partition + "/") + Path.GetFileName(output.LocalPath);
        await store.PutFileAsync(key, output.LocalPath, cancellationToken);
        return output.ToAdd(key, partitionValues, now, dataChange, tags);
    }
}
