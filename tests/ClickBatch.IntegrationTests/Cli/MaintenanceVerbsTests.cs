using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Cli;

/// <summary>The optimize and vacuum verbs end to end on a lake a real run wrote: output, ledger entry, exit codes.</summary>
public sealed class MaintenanceVerbsTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task OptimizeThenVacuum_OnARunsLake_PrintSummariesAndWriteLedgerEntries()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 600);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        var tables = harness.Clicks + "," + harness.Clicks + "_rejects";

        var (optimizeExit, optimizeOut) = await RunAsync("optimize", "--lake", harness.Lake, "--table", tables);
        var (vacuumExit, vacuumOut) = await RunAsync("vacuum", "--lake", harness.Lake, "--table", tables, "--retain", "24h", "--dry-run");

        optimizeExit.ShouldBe(ExitCodes.Success);
        var version = (await new DeltaLog(ObjectStoreFactory.Create(harness.TableOf(harness.Clicks))).GetSnapshotAsync(null, CancellationToken.None)).Version;
        optimizeOut.ShouldContain(harness.Clicks + ": committed Delta version " + version);
        var entry = Ledger(harness).ShouldHaveSingleItem();
        (entry.Operation, entry.Status, entry.ExitCode).ShouldBe(("optimize", RunStatus.Succeeded, 0));
        entry.Topics.Single(t => t.Topic == harness.Clicks).DeltaVersions.ShouldBe([version]);
        vacuumExit.ShouldBe(ExitCodes.Success);
        vacuumOut.ShouldContain(harness.Clicks + ": would delete 0 data files");
        Ledger(harness).Count.ShouldBe(1);
    }

    private static async Task<(int Exit, string Out)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), TimeProvider.System, new Dictionary<string, string>(), IsInteractive: false);
        var exit = await ClickBatchCli.RunAsync(args, context);
        return (exit, output.ToString());
    }

    private static List<RunReport> Ledger(RunHarness harness) => Directory.EnumerateFiles(Path.Combine(harness.Lake, RunLedger.Prefix))
        .Select(f => JsonSerializer.Deserialize<RunReport>(File.ReadAllBytes(f), RunLedger.JsonOptions)!)
        .Where(r => r.Operation != "run").ToList();
}
