using ClickBatch.Catalog.Glue;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Jobs.Backfill;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Jobs.Backfill;

/// <summary>
/// A whole backfill over the fake source with timestamp bounds (the local Kafka cannot resolve them). The fake's
/// payloads are not JSON, so every record is a reject: the range is replaced in the rejects table.
/// </summary>
public sealed class BackfillJobTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExecuteAsync_TimestampBounds_ReplacesThoseRecordsOnceAndGlueFollows()
    {
        var source = new FakeKafkaSource().WithPartition("clicks", 0, Enumerable.Range(0, 20).Select(i => (long)i));
        (await new RunJob(Settings(), () => source, NullLoggerFactory.Instance, TimeProvider.System).ExecuteAsync(CancellationToken.None)).ExitCode.ShouldBe(0);
        var glue = new FakeGlueCatalog();
        var job = new BackfillJob(source, ObjectStoreFactory.Create, new GlueCatalogSync(glue, "db", NullLogger.Instance), TimeProvider.System, NullLoggerFactory.Instance);
        var runId = RunId.New(TimeProvider.System);

        var plan = await job.PlanAsync(Options(Epoch.AddMilliseconds(5), Epoch.AddMilliseconds(15)), CancellationToken.None);
        var result = await job.ExecuteAsync(plan, runId, CancellationToken.None);

        result.Partitions.ShouldHaveSingleItem().ShouldBe(new BackfillPartition(0, 5, 15, 0, 20) { Records = 10, Rejects = 10 });
        (result.Rejects.RowsRemoved, result.Rejects.RowsAdded, result.Rejects.FilesRewritten).ShouldBe((10, 10, 1));
        result.Data.DeltaVersion.ShouldBeNull();
        var rows = DuckDb.Query($"SELECT _kafka_offset, _run_id FROM read_parquet([{string.Join(", ", await ActiveFilesAsync("clicks_rejects"))}]) ORDER BY 1");
        rows.Select(r => (long)r[0]!).ShouldBe(Enumerable.Range(0, 20).Select(i => (long)i));
        rows.Where(r => (string)r[1]! == runId).Select(r => (long)r[0]!).ShouldBe(Enumerable.Range(5, 10).Select(i => (long)i));
        var snapshot = await SnapshotAsync("clicks_rejects");
        snapshot.GetTransactionVersion("job/clicks/0").ShouldBe(20);
        GlueShouldFollow(glue, "clicks_rejects", snapshot);
    }

    /// <summary>
    /// The Glue table points at the table's manifest folder, with one partition per partition value of the snapshot's
    /// active files, each located at its manifest folder, whose manifest lists exactly that partition's active files.
    /// </summary>
    private void GlueShouldFollow(FakeGlueCatalog glue, string table, Snapshot snapshot)
    {
        var manifests = "file://" + Path.Combine(Lake, table) + "/_symlink_format_manifest/";
        glue.TableNamed(table).ShouldNotBeNull().StorageDescriptor!.Location.ShouldBe(manifests);
        var column = snapshot.PartitionColumns.ShouldHaveSingleItem();
        var expected = snapshot.ActiveFiles.GroupBy(f => f.PartitionValues[column]!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        expected.ShouldNotBeEmpty();
        var partitions = glue.PartitionsOf(table).OrderBy(p => p.Values.Single(), StringComparer.Ordinal).ToList();
        partitions.Select(p => (p.Values.Single(), p.StorageDescriptor!.Location))
            .ShouldBe(expected.Select(g => (g.Key, (string?)(manifests + column + "=" + g.Key + "/"))));
        foreach (var (partition, files) in partitions.Zip(expected))
        {
            var listed = File.ReadAllLines(new Uri(partition.StorageDescriptor!.Location + "manifest").LocalPath).Select(l => new Uri(l).LocalPath);
            listed.Order(StringComparer.Ordinal).ShouldBe(
                files.Select(f => Path.Combine(Lake, table, UriPath.Unescape(f.Path))).Order(StringComparer.Ordinal), "manifest of " + files.Key);
        }
    }

    private string Lake => _dir.Sub("lake");

    private async Task<List<string>> ActiveFilesAsync(string table) =>
        (await SnapshotAsync(table)).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(Lake, table, UriPath.Unescape(f.Path)))).ToList();

    private Task<Snapshot> SnapshotAsync(string table) =>
        new DeltaLog(new LocalObjectStore(Lake + "/" + table)).GetSnapshotAsync(null, CancellationToken.None);

    private BackfillOptions Options(DateTimeOffset from, DateTimeOffset to) => new()
    {
        Settings = Settings(),
        Topic = Settings().Topics[0],
        From = new OffsetBound(null, from),
        To = new OffsetBound(null, to),
    };

    private RunSettings Settings() => new()
    {
        JobId = "job",
        LakeUri = Lake,
        Kafka = new KafkaSettings { BootstrapServers = "fake:9092" },
        Source = new KafkaSourceOptions { GroupId = "g" },
        Topics = [new TopicSettings(BuiltInSchemas.Clicks, PartitionMode.EventDate, Lake + "/clicks", Lake + "/clicks_rejects")],
        MaxRejectRatio = 1,
        Files = new FileWriterOptions(),
        StagingDirectory = _dir.Sub("staging"),
    };
}
