using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Jobs.Backfill;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Cli;

/// <summary>The backfill verb end to end on a lake a real run wrote: config as for run, summary, ledger, dry run, refusals.</summary>
public sealed class BackfillVerbTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private const string ClicksSchema = "click_id:string!,user_id:int!,product_id:string!,product:string,price:double,url:string,"
        + "user_agent:string,ip_address:string,datetime_occured:timestamp!";

    [Fact]
    public async Task Backfill_LoadedRange_PrintsSummaryAndWritesALedgerEntry()
    {
        using var harness = await BackfillJobTests.LandedAsync(kafka);
        var stored = await BackfillJobTests.StoredAsync(harness, 1);

        var (exit, output, _) = await RunAsync(harness, "--partitions", "1", "--from", "5", "--to", stored.ToString(System.Globalization.CultureInfo.InvariantCulture));

        exit.ShouldBe(ExitCodes.Success);
        var version = await VersionAsync(harness.TableOf(harness.Clicks));
        output.ShouldContain("backfill of " + harness.Clicks);
        output.ShouldContain($"  partition 1: read offsets [5, {stored}): {stored - 5} records");
        output.ShouldContain(harness.Clicks + ": committed Delta version " + version);
        var entry = Ledger(harness).ShouldHaveSingleItem();
        (entry.Operation, entry.Status, entry.ExitCode).ShouldBe(("backfill", RunStatus.Succeeded, 0));
        var topic = entry.Topics.ShouldHaveSingleItem();
        topic.DeltaVersions.ShouldBe([version]);
        topic.RejectsDeltaVersions.ShouldBe([await VersionAsync(harness.RejectsOf(harness.Clicks))]);
        topic.Partitions.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            p => p.StartOffset.ShouldBe(5),
            p => p.EndOffset.ShouldBe(stored),
            p => p.Records.ShouldBe(stored - 5),
            p => (p.Rows + p.Rejects).ShouldBe(stored - 5));
        topic.FilesRemoved.ShouldNotBeNull().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Backfill_DryRun_PrintsThePlanAndWritesNothing()
    {
        using var harness = await BackfillJobTests.LandedAsync(kafka);
        var (versions, files) = (await VersionsAsync(harness), Files(harness));

        var (exit, output, _) = await RunAsync(harness, "--from", "0", "--to", "40", "--dry-run");

        exit.ShouldBe(ExitCodes.Success);
        output.ShouldContain("(dry run: nothing read or written)");
        output.ShouldContain("  partition 0: would read offsets [0, 40) = 40 offsets");
        output.ShouldContain(harness.Clicks + ": would remove ");
        (await VersionsAsync(harness)).ShouldBe(versions);
        Files(harness).ShouldBe(files);
        Ledger(harness).ShouldBeEmpty();
    }

    [Fact]
    public async Task Backfill_BeyondTheStoredOffsetAndEmpty_Exit2ListingBothAndWritesNothing()
    {
        using var harness = await BackfillJobTests.LandedAsync(kafka);
        var stored = await BackfillJobTests.StoredAsync(harness, 0);
        var (versions, files) = (await VersionsAsync(harness), Files(harness));
        var beyond = (stored + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, _, error) = await RunAsync(harness, "--partitions", "0", "--from", beyond, "--to", beyond);

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain($"partition 0: --from {beyond} is not below --to {beyond}");
        error.ShouldContain($"partition 0: --to {beyond} is beyond the offset both tables hold ({stored}, job 'it')");
        (await VersionsAsync(harness)).ShouldBe(versions);
        Files(harness).ShouldBe(files);
        Ledger(harness).ShouldBeEmpty();
    }

    [Fact]
    public async Task Backfill_BelowTheEarliestOffsetKafkaHolds_Exit2NamingTheDeletedRange()
    {
        using var harness = await BackfillJobTests.LandedAsync(kafka);
        kafka.Cluster.DeleteRecordsBefore(harness.Clicks, 0, 50);
        var versions = await VersionsAsync(harness);

        var (exit, _, error) = await RunAsync(harness, "--partitions", "0", "--from", "10", "--to", "100");

        exit.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("partition 0: --from 10 is below the earliest offset Kafka still holds (50); retention deleted [10, 50). Use --from 50 or later.");
        (await VersionsAsync(harness)).ShouldBe(versions);
        Ledger(harness).ShouldBeEmpty();
    }

    [Fact]
    public async Task Backfill_TimestampsOnTheLocalKafka_NoOffsetIsTrustedOnlyWhenEveryNewestRecordIsOlder()
    {
        using var harness = await BackfillJobTests.LandedAsync(kafka);
        var versions = await VersionsAsync(harness);

        // The mock answers "no offset" for every time: with records newer than 2000 that answer is a lie and refused.
        var (refused, _, error) = await RunAsync(harness, "--partitions", "0", "--from", "2000-01-01T00:00:00Z", "--to", "5");
        // For 2100 it is the truth: every record is older, so both bounds are the end and nothing is replaced.
        var (idle, output, _) = await RunAsync(harness, "--from", "2100-01-01T00:00:00Z", "--to", "2100-01-02T00:00:00Z");

        refused.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("partition 0: the broker returned no offset for --from 2000-01-01T00:00:00.000+00:00");
        error.ShouldContain("the broker does not resolve times to offsets");
        idle.ShouldBe(ExitCodes.Success);
        output.ShouldContain(": 0 records, 0 rows, 0 rejects");
        output.ShouldContain(harness.Clicks + ": nothing to commit");
        (await VersionsAsync(harness)).ShouldBe(versions);
    }

    private static async Task<(int Exit, string Out, string Error)> RunAsync(RunHarness harness, params string[] args)
    {
        var config = Path.Combine(harness.Lake, "..", "backfill-config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { Topics = new[] { new { Name = harness.Clicks, Schema = ClicksSchema } } }));
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = new CliContext(output, error, TimeProvider.System, new Dictionary<string, string>(), IsInteractive: false);
        var exit = await ClickBatchCli.RunAsync(
            ["backfill", "--topic", harness.Clicks, "--config", config, "--lake", harness.Lake, "--job-id", "it",
                "--bootstrap-servers", KafkaOf(harness), .. args], context);
        return (exit, output.ToString(), error.ToString());
    }

    private static string KafkaOf(RunHarness harness) => harness.Settings().Kafka.BootstrapServers;

    private static async Task<long> VersionAsync(string table) =>
        (await new DeltaLog(ObjectStoreFactory.Create(table)).GetSnapshotAsync(null, CancellationToken.None)).Version;

    private static async Task<(long, long)> VersionsAsync(RunHarness harness) =>
        (await VersionAsync(harness.TableOf(harness.Clicks)), await VersionAsync(harness.RejectsOf(harness.Clicks)));

    private static List<string> Files(RunHarness harness) =>
        Directory.EnumerateFiles(harness.Lake, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    private static List<RunReport> Ledger(RunHarness harness) => Directory.EnumerateFiles(Path.Combine(harness.Lake, RunLedger.Prefix))
        .Select(f => JsonSerializer.Deserialize<RunReport>(File.ReadAllBytes(f), RunLedger.JsonOptions)!)
        .Where(r => r.Operation != "run").ToList();
}
