using ClickBatch.Catalog.Glue;
using ClickBatch.Delta;
using ClickBatch.Delta.Manifests;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 16: identical <c>clickbatch run --assignment group</c> processes share one drain of 24 partitions on three
/// brokers through the consumer group; one is SIGKILLed mid-run and a fourth joins late; every record lands exactly once,
/// and on S3 the Glue partitions and symlink manifests match the Delta snapshot.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ScaleOutProcessTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// A killed task's partitions go to the others after the session timeout (librdkafka's default is 45 s); members
    /// hear of a rebalance at their next heartbeat (default every 3 s).
    /// </summary>
    private static readonly Dictionary<string, string> ShortSession = new(StringComparer.Ordinal)
    {
        ["CLICKBATCH_KAFKA__PROPERTIES__session.timeout.ms"] = "6000",
        ["CLICKBATCH_KAFKA__PROPERTIES__heartbeat.interval.ms"] = "250",
    };

    [Fact]
    public async Task RunCommand_ThreeTasksOneKilledAndALateFourth_EveryRecordExactlyOnceAndOneLedgerEntryPerTask()
    {
        using var harness = new RunHarness(kafka, partitions: 12);
        await harness.ProduceAsync(clicks: 120_000);
        var config = await harness.WriteCliConfigAsync(harness.Staging);
        var group = "scale-" + Guid.NewGuid().ToString("N")[..8];
        string[] Arguments(string task) =>
        [
            "run", "--config", config, "--bootstrap-servers", harness.BootstrapServers, "--lake", harness.Lake, "--job-id", "it",
            "--commit-every-records", "4000", "--max-reject-ratio", "0.5", "--staging-dir", harness.Staging + "-" + task,
            "--assignment", "group", "--group-id", group, "--json",
        ];
        ClickBatchProcess Start(string task) =>
            ClickBatchProcess.Start(new Dictionary<string, string>(ShortSession) { ["CLICKBATCH_RUN__TASKID"] = task }, Arguments(task));

        using var t1 = Start("t1");
        using var t2 = Start("t2");
        using var t3 = Start("t3");
        // t2 dies while it writes its first chunk; t4 joins late. After the session timeout t2's partitions go to the tasks
        // still in the group. (librdkafka's mock coordinator gives a late joiner its share only once the others leave; real
        // Kafka moves partitions to it at once: revocation mid-read is tested on a fake group, RunJobGroupTests.)
        await WaitForAsync(() => t2.HasExited || StagedFiles(harness.Staging + "-t2") > 0);
        t2.HasExited.ShouldBeFalse("t2 ended before it could be killed mid-run");
        await t2.KillAsync();
        using var t4 = Start("t4");

        foreach (var (task, process) in new[] { ("t1", t1), ("t3", t3), ("t4", t4) })
        {
            (await process.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, task + ": " + await process.StandardError);
        }

        // Whatever t2 held when it died went to a task still in the group, or waits for the next night's run.
        using var next = Start("next");
        (await next.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await next.StandardError);
        await harness.ShouldHoldExactlyOnceAsync();
        var ledger = await new RunLedger(new LocalObjectStore(harness.Lake)).ReadLatestAsync(20, "run", CancellationToken.None);
        ledger.Where(r => r.Status == RunStatus.Succeeded).Select(r => r.TaskId).ShouldBe(["t1", "t3", "t4", "next"], ignoreOrder: true);
        ledger.Where(r => r.TaskId == "t2").ShouldHaveSingleItem().Status.ShouldBe(RunStatus.Running);
        ledger.ShouldAllBe(r => r.Assignment == "group");
    }

    [Fact]
    public async Task RunCommand_ThreeTasksOnS3WithGlue_ExactlyOnceAndCatalogMatchesTheSnapshot()
    {
        using var harness = new RunHarness(kafka, partitions: 12);
        await harness.ProduceAsync(clicks: 8_000);
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 16);
        var arguments = await lake.RunArgumentsAsync(commitEveryRecords: 400, glue: true);
        var group = "scale-s3-" + Guid.NewGuid().ToString("N")[..8];
        var tasks = Enumerable.Range(1, 3).Select(i => ClickBatchProcess.Start(
            new Dictionary<string, string>(lake.Environment) { ["CLICKBATCH_RUN__TASKID"] = "t" + i },
            [.. WithStaging(arguments, harness.Staging + "-s3-" + i), "--assignment", "group", "--group-id", group])).ToList();
        try
        {
            foreach (var task in tasks)
            {
                (await task.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await task.StandardError);
            }
        }
        finally
        {
            tasks.ForEach(t => t.Dispose());
        }

        await lake.ShouldHoldExactlyOnceAsync();
        foreach (var table in new[] { harness.Clicks, harness.Clicks + "_rejects", harness.Checkouts, harness.Checkouts + "_rejects" })
        {
            var store = lake.Open(lake.Lake + "/" + table);
            var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, CancellationToken.None);
            var partitions = snapshot.ActiveFiles.GroupBy(f => PartitionPath.Build(snapshot.PartitionColumns, f.PartitionValues)).ToList();
            var glue = await lake.GlueDirect().GetPartitionsAsync(lake.Database, GlueNames.Table(table), null, CancellationToken.None);
            glue.Select(p => string.Join("/", p.Values)).ShouldBe(
                partitions.Select(p => string.Join("/", snapshot.PartitionColumns.Select(c => p.First().PartitionValues[c]))), ignoreOrder: true, table);
            foreach (var partition in partitions)
            {
                var manifest = System.Text.Encoding.UTF8.GetString(await store.ReadAllBytesAsync(ManifestWriter.ManifestKey(partition.Key), CancellationToken.None));
                manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(
                    partition.Select(f => ManifestWriter.Line(store, DataFilePath.ToKey(store.RootUri, f.Path))), ignoreOrder: true, table + " " + partition.Key);
            }
        }
    }

    private static string[] WithStaging(string[] arguments, string staging)
    {
        var copy = arguments.ToArray();
        copy[Array.IndexOf(copy, "--staging-dir") + 1] = staging;
        return copy;
    }

    private static int StagedFiles(string staging) =>
        Directory.Exists(staging) ? Directory.GetFiles(staging, "*.parquet", SearchOption.AllDirectories).Length : 0;

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out waiting");
            await Task.Delay(50);
        }
    }
}
