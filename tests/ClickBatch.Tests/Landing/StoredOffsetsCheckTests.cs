using System.Text;
using ClickBatch.Configuration;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

/// <summary>Issue 13 item 7: a txn that contradicts the offsets tags of the files it committed stops the run.</summary>
public sealed class StoredOffsetsCheckTests : IDisposable
{
    private static readonly StructType Schema = new([new StructField("id", PrimitiveType.Long)]);
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public void Ensure_TxnPastEveryTaggedOffset_Passes()
    {
        var snapshot = SnapshotOf(Tagged("a", "0:0-99,1:0-9"), Tagged("b", "0:100-149"), Untagged("c"), Tagged("d", "garbage"));

        Should.NotThrow(() => StoredOffsetsCheck.Ensure(snapshot, Offsets((0, 150), (1, 10)), AppId));
    }

    [Fact]
    public void Ensure_TxnAtAFilesMaxOffset_ThrowsNamingPartitionTxnAndTagMax()
    {
        var snapshot = SnapshotOf(Tagged("a", "0:0-99"), Tagged("b", "0:100-149,1:0-9"));

        var ex = Should.Throw<OffsetsContradictionException>(() => StoredOffsetsCheck.Ensure(snapshot, Offsets((0, 149), (1, 10)), AppId));

        ex.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        ex.Facts["Partition"].ShouldBe(0);
        ex.Facts["TxnOffset"].ShouldBe(149L);
        ex.Facts["TagMaxOffset"].ShouldBe(149L);
        ex.Facts["DeltaVersion"].ShouldBe(snapshot.Version);
        ex.Facts["File"].ShouldBe("b");
        ex.Message.ShouldContain(snapshot.Table.ToString());
        ex.Message.ShouldContain("Restore");
    }

    [Fact]
    public void Ensure_NoTxnForAPartitionTaggedFilesHold_Throws()
    {
        var snapshot = SnapshotOf(Tagged("a", "0:0-99"), Tagged("b", "1:0-9"));

        var ex = Should.Throw<OffsetsContradictionException>(() => StoredOffsetsCheck.Ensure(snapshot, Offsets((0, 100)), AppId));

        ex.Facts["Partition"].ShouldBe(1);
        ex.Facts["TxnOffset"].ShouldBeNull();
        ex.Message.ShouldContain("no txn 'job/clicks/1'");
    }

    [Fact]
    public async Task ExecuteAsync_LastCommitLostItsTxnLines_RefusesInsteadOfLandingTheRecordsTwice()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, ClickEvents.Generate(10).Select(c => c.Json));
        (await RunAsync(source)).Status.ShouldBe(RunStatus.Succeeded);
        var cut = await DropTxnLinesOfLatestCommitAsync(Lake + "/clicks");
        var rowsBefore = (await new DeltaLog(new LocalObjectStore(Lake + "/clicks")).GetSnapshotAsync(null, CancellationToken.None)).ActiveFiles
            .Sum(f => FileStatistics.Parse(f.Stats)!.NumRecords);

        var rerun = await RunAsync(source);

        rerun.ExitCode.ShouldBe(ClickBatch.Errors.ExitCodes.Failure);
        rerun.Records.ShouldBe(0);
        rerun.Error.ShouldNotBeNull().ShouldContain("Kafka partition 0");
        rerun.Error.ShouldContain(LogFile.FormatVersion(cut) + ".json");
        (await new DeltaLog(new LocalObjectStore(Lake + "/clicks")).GetSnapshotAsync(null, CancellationToken.None)).ActiveFiles
            .Sum(f => FileStatistics.Parse(f.Stats)!.NumRecords).ShouldBe(rowsBefore);
    }

    private static string AppId(int partition) => "job/clicks/" + partition;

    private static Dictionary<int, long> Offsets(params (int Partition, long Next)[] offsets) => offsets.ToDictionary(o => o.Partition, o => o.Next);

    private static Snapshot SnapshotOf(params AddFile[] files) => SnapshotBuilder.Create(Schema, [], files, version: 7);

    private static AddFile Tagged(string path, string tag) =>
        SnapshotBuilder.File(path) with { Tags = new Dictionary<string, string?> { [KafkaOffsetsTag.Name] = tag } };

    private static AddFile Untagged(string path) => SnapshotBuilder.File(path);

    /// <summary>
    /// Damage outside ClickBatch: the newest commit holding files loses its txn lines (so do the txn-only commits after
    /// it), each file staying valid JSON lines. Returns the version of the commit holding the files.
    /// </summary>
    private static async Task<long> DropTxnLinesOfLatestCommitAsync(string table)
    {
        var store = new LocalObjectStore(table);
        var commits = (await LogSegmentBuilder.ListAsync(store, null, CancellationToken.None)).Where(f => f.Kind == LogFileKind.Commit)
            .Select(f => f.Version).OrderDescending().ToList();
        foreach (var version in commits)
        {
            var lines = Encoding.UTF8.GetString(await store.ReadAllBytesAsync(LogFile.CommitKey(version), CancellationToken.None))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var kept = lines.Where(l => !l.StartsWith("{\"txn\"", StringComparison.Ordinal)).ToList();
            await store.PutAsync(LogFile.CommitKey(version), Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n"), CancellationToken.None);
            if (lines.Any(l => l.StartsWith("{\"add\"", StringComparison.Ordinal)))
            {
                kept.Count.ShouldBeLessThan(lines.Length);
                return version;
            }
        }

        throw new InvalidOperationException("the table has no commit with files");
    }

    private string Lake => _lake.Lake;

    private RunSettings Settings() => _lake.Settings() with { CommitEveryRecords = 4 };

    private Task<RunReport> RunAsync(IKafkaSource source) => _lake.RunAsync(source, Settings());
}
