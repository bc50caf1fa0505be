using ClickBatch.Catalog.Glue;
using ClickBatch.Decoding;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Maintenance;

/// <summary>
/// <c>clickbatch promote</c>: after a table gained columns (docs/schema-evolution.md), moves the values its older rows
/// keep in <c>_unknown_fields</c> into those columns, from the lake's own files: no Kafka, so it works after retention
/// deleted the records. Per table ONE commit (operation UPDATE: remove + add with dataChange=true, txn actions
/// untouched): every row stays with its Kafka coordinates, so offsets and exactly-once are unchanged. Only files with a
/// value to move are rewritten, so a second pass commits nothing. Concurrent appends rebase; a concurrent remove of a
/// rewritten file, or a schema change, is a conflict (exit 5).
/// </summary>
public sealed class PromoteJob(Func<string, IObjectStore> openStore, IGlueCatalog? glue, TimeProvider clock, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<PromoteJob>();

    public async Task<IReadOnlyList<PromoteResult>> ExecuteAsync(PromoteOptions options, CancellationToken cancellationToken)
    {
        if (options.Partition is not null)
        {
            await MaintenanceSteps.CheckPartitionColumnsAsync(openStore, options.LakeUri, options.Tables, options.Partition, cancellationToken);
        }

        var results = new List<PromoteResult>();
        Directory.CreateDirectory(options.StagingDirectory);
        try
        {
            foreach (var table in options.Tables)
            {
                results.Add(await PromoteTableAsync(table, options, cancellationToken));
            }
        }
        finally
        {
            Directory.Delete(options.StagingDirectory, recursive: true);
        }

        return results;
    }

    private async Task<PromoteResult> PromoteTableAsync(string name, PromoteOptions options, CancellationToken cancellationToken)
    {
        var store = openStore(options.LakeUri.TrimEnd('/') + "/" + name);
        var table = new DeltaTable(store, new DeltaWriterOptions { Clock = clock, Logger = _logger });
        if (!await table.Log.ExistsAsync(cancellationToken))
        {
            return Nothing(name, "no Delta table at " + store.RootUri);
        }

        var snapshot = await table.Log.GetSnapshotAsync(null, cancellationToken);
        var fields = DataFields.Of(snapshot);
        if (!fields.Any(f => f.Name == MetadataColumns.UnknownFields))
        {
            return Nothing(name, "no " + MetadataColumns.UnknownFields + " column (a rejects table, or not written by ClickBatch)");
        }

        if (!new UnknownFieldsPromotion(fields).HasCandidates)
        {
            return Nothing(name, "no nullable column " + MetadataColumns.UnknownFields + " could fill");
        }

        DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var transaction = table.StartTransaction(snapshot, "UPDATE");
        transaction.OperationParameters["predicate"] = "[\"_unknown_fields holds a value for a column of the table\""
            + (options.Partition is null ? string.Empty : ",\"" + options.Partition + "\"") + "]";
        var moved = new Dictionary<string, long>(StringComparer.Ordinal);
        var refused = 0L;
        var rewritten = 0;
        foreach (var file in Candidates(snapshot, options.Partition))
        {
            var promoted = await RewriteAsync(store, file, fields, options.StagingDirectory, cancellationToken);
            refused += promoted.Refused;
            if (promoted.File is not { } output)
            {
                continue;
            }

            rewritten++;
            foreach (var (column, count) in promoted.Moved)
            {
                moved[column] = moved.GetValueOrDefault(column) + count;
            }

            if (!options.DryRun)
            {
                transaction.Add(await PartitionCompactor.UploadAsync(store, PartitionPath.Build(snapshot.PartitionColumns, file.PartitionValues), output,
                    file.PartitionValues, now, dataChange: true, KafkaOffsetsTag.Merge([file]), cancellationToken));
                transaction.Remove(RemoveFile.For(file, now, dataChange: true));
            }

            File.Delete(output.LocalPath);
        }

        if (rewritten == 0)
        {
            return Nothing(name, "no value in " + MetadataColumns.UnknownFields + " names a column of the table" + (refused > 0 ? " and fits its type" : string.Empty)) with { Refused = refused };
        }

        if (options.DryRun)
        {
            return new PromoteResult(name, null, rewritten, moved, refused, "dry run");
        }

        var result = await transaction.CommitAsync(cancellationToken);
        MaintenanceLog.PromoteCommitted(_logger, name, result.Version, rewritten);
        await MaintenanceSteps.FollowAsync(table, result, glue, options.GlueDatabase, name, options.LakeUri, _logger, cancellationToken);
        return new PromoteResult(name, result.Version, rewritten, moved, refused, null);
    }

    private static IEnumerable<AddFile> Candidates(Snapshot snapshot, string? partition) =>
        snapshot.ActiveFiles
            .Where(f => f.DeletionVector is null && !NoUnknownFields(f))
            .Where(f => partition is null || string.Equals(PartitionPath.Build(snapshot.PartitionColumns, f.PartitionValues), partition, StringComparison.Ordinal))
            .OrderBy(f => f.Path, StringComparer.Ordinal);

    private static async Task<PromotedFile> RewriteAsync(
        IObjectStore store, AddFile file, IReadOnlyList<FieldSpec> fields, string staging, CancellationToken cancellationToken)
    {
        var input = Path.Combine(staging, "in.parquet");
        await PartitionCompactor.DownloadAsync(store, file, input, cancellationToken);
        try
        {
            return UnknownFieldsRewriter.Rewrite(input, fields, Path.Combine(staging, PartitionCompactor.NewFileName()), new FileWriterOptions().ZstdLevel);
        }
        catch (Exception ex) when (ex is ParquetSharp.ParquetException or InvalidCastException or ClickBatchException)
        {
            // A damaged file, or one another engine wrote: said as such, naming it, not as an unexpected error.
            throw new ClickBatchException("Could not rewrite data file " + file.Path + " of " + store.RootUri + " (reading it, or writing "
                + "its new copy under " + staging + "): " + ex.Message + " Nothing was committed. If the staging folder is full or not "
                + "writable, free it or give another; if the file is damaged or another engine wrote it, leave its partition out "
                + "(--partition).", ex).With("File", file.Path);
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>
    /// The file's Delta stats say every row's <c>_unknown_fields</c> is null: nothing to move, no download. Files without
    /// stats (or with stats that cannot be read) are read.
    /// </summary>
    internal static bool NoUnknownFields(AddFile file) =>
        FileStatistics.Parse(file.Stats) is { NumRecords: { } rows, NullCount: { ValueKind: System.Text.Json.JsonValueKind.Object } nulls }
        && nulls.TryGetProperty(MetadataColumns.UnknownFields, out var unknown)
        && unknown.ValueKind == System.Text.Json.JsonValueKind.Number && unknown.TryGetInt64(out var nullRows) && nullRows == rows;

    private static PromoteResult Nothing(string name, string note) =>
        new(name, null, 0, new Dictionary<string, long>(StringComparer.Ordinal), 0, note);
}
