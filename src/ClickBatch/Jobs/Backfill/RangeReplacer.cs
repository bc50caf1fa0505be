using ClickBatch.Catalog;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Landing;
using ClickBatch.Parquet;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// Replaces a backfill's range in one table in ONE commit (operation WRITE, mode Overwrite, the range as predicate):
/// removes the files holding only offsets of the range, rewrites the files holding offsets on both sides (or no
/// tag) without the range's rows, adds the newly decoded files. No txn action: the daily job's offsets stay.
/// The commit reads the snapshot the plan was made from: a concurrent append rebases, a concurrent remove of one of
/// our files or another writer's rows of the range is a conflict (exit 5) and nothing of this commit is visible.
/// </summary>
internal sealed class RangeReplacer(DeltaTable table, FileWriterOptions files, string staging, ICatalogSync? catalog, ILogger logger)
{
    public static TableBackfill Describe(string name, Snapshot snapshot, BackfillRanges ranges, IReadOnlyList<ClosedDataFile> added)
    {
        var remove = snapshot.ActiveFiles.Where(f => ranges.Judge(f) == FileVerdict.Remove).ToList();
        var rewrite = snapshot.ActiveFiles.Where(f => ranges.Judge(f) == FileVerdict.Rewrite).ToList();
        return new TableBackfill(name)
        {
            FilesRemoved = remove.Count,
            RowsRemoved = remove.Sum(Rows),
            FilesRewritten = rewrite.Count,
            RowsInRewritten = rewrite.Sum(Rows),
            FilesAdded = added.Count,
            RowsAdded = added.Sum(f => f.NumRecords),
            BytesAdded = added.Sum(f => f.SizeBytes),
        };
    }

    public async Task<TableBackfill> ReplaceAsync(
        string name, BackfillRanges ranges, IReadOnlyList<ClosedDataFile> added, CancellationToken cancellationToken)
    {
        var snapshot = await table.Log.GetSnapshotAsync(null, cancellationToken);
        var transaction = table.StartTransaction(snapshot, "WRITE");
        transaction.OperationParameters["mode"] = "Overwrite";
        transaction.OperationParameters["predicate"] = ranges.Predicate;
        transaction.ConflictsWith = ranges.ConflictReason;
        var now = table.Options.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await RemoveRangeAsync(name, snapshot, ranges, transaction, now, cancellationToken);
        await UploadAsync(added, cancellationToken);
        added.Select(f => TableTarget.ToAdd(f, now)).ToList().ForEach(transaction.Add);
        result = result with { FilesAdded = added.Count, RowsAdded = added.Sum(f => f.NumRecords), BytesAdded = added.Sum(f => f.SizeBytes) };
        if (transaction.Actions.Count == 0)
        {
            BackfillLog.NothingToReplace(logger, name);
            return result;
        }

        // Once started, the commit and what follows it run to the end: a signal must not leave a commit without its
        // manifests, or the table committed and its rejects table not (the caller goes on with the rejects table).
        var commit = await transaction.CommitAsync(CancellationToken.None);
        BackfillLog.Committed(logger, name, commit.Version, result.FilesRemoved, result.FilesRewritten, result.FilesAdded);
        await FollowAsync(name, commit, CancellationToken.None);
        return result with { DeltaVersion = commit.Version };
    }

    private async Task<TableBackfill> RemoveRangeAsync(
        string name, Snapshot snapshot, BackfillRanges ranges, DeltaTransaction transaction, long now, CancellationToken cancellationToken)
    {
        var rewriter = new RangeFileRewriter(table.Log.Store, DataFields.Of(snapshot), files, staging);
        var result = new TableBackfill(name);
        foreach (var file in snapshot.ActiveFiles)
        {
            var verdict = ranges.Judge(file);
            if (verdict == FileVerdict.Remove)
            {
                transaction.Remove(RemoveFile.For(file, now));
                result = result with { FilesRemoved = result.FilesRemoved + 1, RowsRemoved = result.RowsRemoved + Rows(file) };
            }
            else if (verdict == FileVerdict.Rewrite)
            {
                result = await RewriteAsync(rewriter, file, ranges, transaction, now, result, cancellationToken);
            }
        }

        return result;
    }

    private static async Task<TableBackfill> RewriteAsync(
        RangeFileRewriter rewriter, AddFile file, BackfillRanges ranges, DeltaTransaction transaction, long now, TableBackfill result,
        CancellationToken cancellationToken)
    {
        var (filtered, add) = await rewriter.RewriteAsync(file, ranges, now, cancellationToken);
        if (filtered.Untouched)
        {
            return result;
        }

        transaction.Remove(RemoveFile.For(file, now));
        if (add is not null)
        {
            transaction.Add(add);
        }

        return add is null
            ? result with { FilesRemoved = result.FilesRemoved + 1, RowsRemoved = result.RowsRemoved + filtered.RowsDropped }
            : result with { FilesRewritten = result.FilesRewritten + 1, RowsRemoved = result.RowsRemoved + filtered.RowsDropped, RowsInRewritten = result.RowsInRewritten + filtered.RowsKept };
    }

    private async Task UploadAsync(IReadOnlyList<ClosedDataFile> added, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(added, parallel, async (file, ct) => await table.Log.Store.PutFileAsync(file.RelativePath, file.LocalPath, ct));
    }

    private async Task FollowAsync(string name, CommitResult commit, CancellationToken cancellationToken)
    {
        var snapshot = await table.Log.GetSnapshotAsync(commit.Version, cancellationToken);
        if (commit.ManifestsStale)
        {
            await ManifestWriter.RebuildAsync(table.Log.Store, snapshot, logger, cancellationToken);
        }

        if (catalog is not null)
        {
            await catalog.SyncAsync(name, snapshot, cancellationToken);
        }
    }

    private static long Rows(AddFile file) => FileStatistics.Parse(file.Stats)?.NumRecords ?? 0;
}
