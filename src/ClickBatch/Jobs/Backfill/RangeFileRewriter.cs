using ClickBatch.Decoding;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Storage;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// Rewrites one active file without the rows of a backfill's range: download, filter (<see cref="FilteredFileRewriter"/>),
/// upload next to the original. Returns the add of the rewritten file (its tag from the rows it kept, its stats
/// from <see cref="DataFileWriter"/>), or nothing when every row was in the range. The new file stays unreferenced
/// until the backfill's commit; if that never happens, vacuum removes it.
/// </summary>
internal sealed class RangeFileRewriter(IObjectStore store, IReadOnlyList<FieldSpec> fields, FileWriterOptions options, string staging)
{
    public async Task<(FilteredFile Result, AddFile? Add)> RewriteAsync(AddFile file, BackfillRanges ranges, long now, CancellationToken cancellationToken)
    {
        var key = DataFilePath.ToKey(store.RootUri, file.Path);
        var folder = Path.Combine(staging, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var input = Path.Combine(folder, "in.parquet");
            await using (var source = await store.OpenReadAsync(key, cancellationToken))
            await using (var target = File.Create(input))
            {
                await source.CopyToAsync(target, cancellationToken);
            }

            var name = "part-" + Guid.NewGuid().ToString("D") + ".zstd.parquet";
            var result = FilteredFileRewriter.Rewrite(input, store.RootUri + key, fields, Path.Combine(folder, name), options, ranges.Contains);
            return (result, result.Output is { } output ? await UploadAsync(file, key, name, output, result, now, cancellationToken) : null);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<AddFile> UploadAsync(
        AddFile original, string originalKey, string name, CompactedFile output, FilteredFile result, long now, CancellationToken cancellationToken)
    {
        var slash = originalKey.LastIndexOf('/');
        var key = (slash < 0 ? string.Empty : originalKey[..(slash + 1)]) + name;
        await store.PutFileAsync(key, output.LocalPath, cancellationToken);
        return output.ToAdd(key, original.PartitionValues, now, dataChange: true,
            new Dictionary<string, string?>(StringComparer.Ordinal) { [KafkaOffsetsTag.Name] = KafkaOffsetsTag.Format(result.KafkaOffsets) });
    }
}
