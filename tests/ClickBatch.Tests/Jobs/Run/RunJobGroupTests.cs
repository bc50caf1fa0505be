using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// Group assignment over a fake group (issue 16): partitions planned when assigned, committed before they are revoked,
/// resumed from the Delta log by the next holder; shards; other tasks' commits never a conflict.
/// </summary>
public sealed class RunJobGroupTests : IDisposable
{
    private static readonly KafkaPartition P0 = new("clicks", 0);
    private static readonly KafkaPartition P1 = new("clicks", 1);
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_GroupRevokesAPartReadPartition_CommitsWhatWasReadAndTheNextHolderLandsTheRestOnce()
    {
        var first = Source();
        first.GroupScript.Add(new GroupStep(0, [P1, P0], []));
        first.GroupScript.Add(new GroupStep(2, [], [P1]));
        long? txnAfterRevocation = null;
        first.AfterRevoke = async () => txnAfterRevocation = await _lake.TxnAsync("clicks_rejects", "clicks", 1);
        var second = Source();
        second.GroupScript.Add(new GroupStep(0, [P1], []));

        var a = await _lake.RunAsync(first, GroupSettings());
        var b = await _lake.RunAsync(second, GroupSettings());

        (a.Status, b.Status).ShouldBe((RunStatus.Succeeded, RunStatus.Succeeded));
        first.GroupEvents.ShouldBe(["+clicks[1]", "+clicks[0]", "-clicks[1]"]);
        txnAfterRevocation.ShouldBe(6);
        (a.Records, b.Records).ShouldBe((16L, 4L));
        (await _lake.TxnAsync("clicks", "clicks", 0), await _lake.TxnAsync("clicks", "clicks", 1)).ShouldBe((10L, 10L));
        var landed = await OffsetsAsync("clicks_rejects");
        landed.ShouldBe([.. Enumerable.Range(0, 10).Select(o => (0L, (long)o)), .. Enumerable.Range(0, 10).Select(o => (1L, (long)o))]);
        a.Assignment.ShouldBe("group");
        a.Topics.Single().Partitions.Select(p => p.Partition).ShouldBe([0, 1], ignoreOrder: true);
        b.Topics.Single().Partitions.Select(p => p.Partition).ShouldBe([1]);
    }

    [Fact]
    public async Task ExecuteAsync_AnotherTaskCommitsOtherPartitionsBetweenCommits_NeverAConflict()
    {
        // Task A holds p0 and commits every chunk; task B's whole run of p1 lands between A's assignment and A's commits.
        var other = Source();
        other.GroupScript.Add(new GroupStep(0, [P1], []));
        var first = Source();
        first.GroupScript.Add(new GroupStep(0, [P0], []));
        var interleaved = new InterleavingSource(first, () => _lake.RunAsync(other, GroupSettings()));

        var a = await _lake.RunAsync(interleaved, GroupSettings() with { CommitEveryRecords = 2 });

        a.Status.ShouldBe(RunStatus.Succeeded);
        interleaved.OtherRun!.Status.ShouldBe(RunStatus.Succeeded);
        (await OffsetsAsync("clicks_rejects")).Count.ShouldBe(20);
    }

    [Fact]
    public async Task ExecuteAsync_AnotherTaskCommitsAPartitionThisRunHolds_StopsWithAConflictAndNothingTwice()
    {
        // A zombie: task B lands p0 while task A holds it (A's session expired unnoticed); A must not land it again.
        var other = Source();
        other.GroupScript.Add(new GroupStep(0, [P0], []));
        var first = Source();
        first.GroupScript.Add(new GroupStep(0, [P0], []));
        var interleaved = new InterleavingSource(first, () => _lake.RunAsync(other, GroupSettings()));

        var a = await _lake.RunAsync(interleaved, GroupSettings() with { CommitEveryRecords = 2 });

        a.Status.ShouldBe(RunStatus.Conflict);
        a.ExitCode.ShouldBe(ExitCodes.Conflict);
        var landed = await OffsetsAsync("clicks_rejects");
        landed.Distinct().Count().ShouldBe(landed.Count);
    }

    [Fact]
    public async Task ExecuteAsync_Shards_EachLandsItsPartitionsAndTogetherAllOnce()
    {
        var source = Source().WithPartition("clicks", 2, Enumerable.Range(0, 5).Select(o => (long)o));

        var reports = new List<RunReport>();
        for (var k = 0; k < 2; k++)
        {
            reports.Add(await _lake.RunAsync(source, _lake.Settings() with { Assignment = new PartitionAssignment(AssignmentMode.Shard, k, 2) }));
        }

        reports.Select(r => r.Status).ShouldAllBe(s => s == RunStatus.Succeeded);
        reports[0].Topics.Single().Partitions.Select(p => p.Partition).ShouldBe([0, 2]);
        reports[1].Topics.Single().Partitions.Select(p => p.Partition).ShouldBe([1]);
        reports[0].Assignment.ShouldBe("shard 0/2");
        (await OffsetsAsync("clicks_rejects")).Count.ShouldBe(25);
    }

    [Fact]
    public async Task Status_AfterTwoTasksSharedTheJob_ShowsEachPartitionsLastTaskAndEachTasksRun()
    {
        var first = Source();
        first.GroupScript.Add(new GroupStep(0, [P0], []));
        var second = Source();
        second.GroupScript.Add(new GroupStep(0, [P1], []));
        await _lake.RunAsync(first, GroupSettings() with { TaskId = "task-a" });
        await _lake.RunAsync(second, GroupSettings() with { TaskId = "task-b" });

        var status = await new ClickBatch.Jobs.Status.StatusJob(GroupSettings(), () => new NonDisposingSource(Source()), uri => new LocalObjectStore(uri))
            .CollectAsync(CancellationToken.None);

        status.Topics.Single().Partitions.Select(p => (p.Partition, p.LastTaskId, p.Lag)).ShouldBe([(0, "task-a", 0L), (1, "task-b", 0L)]);
        status.TaskRuns.Select(r => (r.TaskId, r.Assignment)).ShouldBe([("task-b", "group"), ("task-a", "group")]);
    }

    [Fact]
    public async Task ExecuteAsync_SignalDuringAGroupRead_CommitsWhatWasReadBeforeLeavingTheGroup()
    {
        var inner = Source();
        inner.GroupScript.Add(new GroupStep(0, [P0], []));
        using var stop = new CancellationTokenSource();
        long? txnWhenLeaving = null;
        var source = new StopAfterFirstChunk(inner, stop, async () => txnWhenLeaving = await _lake.TxnAsync("clicks_rejects", "clicks", 0));

        var report = await new ClickBatch.Jobs.Run.RunJob(GroupSettings(), () => source, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
            TimeProvider.System).ExecuteAsync(stop.Token);

        report.Status.ShouldBe(RunStatus.Interrupted);
        txnWhenLeaving.ShouldBe(3, "the first chunk (3 records) is committed while the task still holds the partition");
    }

    [Fact]
    public async Task Status_APartitionHandedOverToATaskThatEndedFirst_NamesThatTaskAsItsLastHolder()
    {
        // Task A reads p1, hands it to task B, whose whole run ends while A still drains p0.
        var first = Source();
        first.GroupScript.Add(new GroupStep(0, [P1, P0], []));
        first.GroupScript.Add(new GroupStep(1, [], [P1]));
        var second = Source();
        second.GroupScript.Add(new GroupStep(0, [P1], []));
        var interleaved = new InterleavingSource(first, () => _lake.RunAsync(second, GroupSettings() with { TaskId = "task-b" }), afterBatches: 2);

        var a = await _lake.RunAsync(interleaved, GroupSettings() with { TaskId = "task-a" });
        var status = await new ClickBatch.Jobs.Status.StatusJob(GroupSettings(), () => new NonDisposingSource(Source()), uri => new LocalObjectStore(uri))
            .CollectAsync(CancellationToken.None);

        (a.Status, interleaved.OtherRun!.Status).ShouldBe((RunStatus.Succeeded, RunStatus.Succeeded));
        a.Topics.Single().Partitions.Select(p => (p.Partition, p.HandedOver)).ShouldBe([(0, false), (1, true)], ignoreOrder: true);
        status.Topics.Single().Partitions.Select(p => (p.Partition, p.LastTaskId)).ShouldBe([(0, "task-a"), (1, "task-b")]);
        (await OffsetsAsync("clicks_rejects")).Count.ShouldBe(20);
    }

    private ClickBatch.Configuration.RunSettings GroupSettings() => _lake.Settings() with { Assignment = PartitionAssignment.Group, CommitEveryRecords = 1000 };

    private static FakeKafkaSource Source() => new FakeKafkaSource { MaxChunkRecords = 3 }
        .WithPartition("clicks", 0, Enumerable.Range(0, 10).Select(o => (long)o))
        .WithPartition("clicks", 1, Enumerable.Range(0, 10).Select(o => (long)o));

    /// <summary>Every (partition, offset) in the table's active files, sorted.</summary>
    private async Task<List<(long Partition, long Offset)>> OffsetsAsync(string table)
    {
        var files = (await _lake.SnapshotAsync(table)).ActiveFiles
            .Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, table, UriPath.Unescape(f.Path)))).ToList();
        return files.Count == 0 ? [] : DuckDb.Query($"SELECT _kafka_partition, _kafka_offset FROM read_parquet([{string.Join(", ", files)}]) ORDER BY 1, 2")
            .Select(r => (Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>A group read that signals "stop" after its first chunk; disposing it (leaving the group) calls <paramref name="leaving"/>.</summary>
    private sealed class StopAfterFirstChunk(FakeKafkaSource inner, CancellationTokenSource stop, Func<Task> leaving) : ForwardingKafkaSource(inner)
    {
        public override async IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(
            IReadOnlyList<string> topics, IAssignmentHandler handler, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var batch in Inner.ReadGroupAsync(topics, handler, CancellationToken.None))
            {
                yield return batch;
                await stop.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        public override async ValueTask DisposeAsync() => await leaving();
    }
}
