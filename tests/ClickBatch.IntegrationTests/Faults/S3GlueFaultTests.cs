using System.Text.RegularExpressions;
using ClickBatch.Catalog.Glue;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;

namespace ClickBatch.IntegrationTests.Faults;

/// <summary>
/// Issue 13 "Deliver as well": runs into an s3:// lake with Glue while a <see cref="FaultProxy"/> in front of moto
/// fails requests. Whatever happens, no record lands twice; a run that ends 0 holds every record exactly once, and a
/// run that ends 1 leaves what a rerun completes exactly once.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class S3GlueFaultTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private static readonly Regex CommitFile = new(@"/_delta_log/\d{20}\.json$", RegexOptions.CultureInvariant);

    [Fact]
    public async Task Run_S3AndGlueAnswerAFifthOfRequestsWith500OrSlowDown_ExitsZeroWithEveryRecordOnce()
    {
        using var harness = new RunHarness(kafka);
        // Enough records for ~230-250 requests (18-20 SlowDowns, 21-24 errors, measured): a run reads the log less than it
        // did (issue 15), and at 600 clicks only 7-9 SlowDowns of ~150 requests were left, under the bound below.
        await harness.ProduceAsync(clicks: 2000);
        // At most two of each in a row for one request, so the six attempts of a call always get through. The second commit
        // file's PUT always fails once: which requests the rates hit moves with every request the run adds.
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 13,
            new FaultRule(FaultKind.InternalError) { Method = "PUT", Path = CommitFile, Occurrences = new HashSet<int> { 2 } },
            new FaultRule(FaultKind.InternalError) { Rate = 0.1, MaxConsecutive = 2 },
            new FaultRule(FaultKind.SlowDown) { Rate = 0.1, MaxConsecutive = 2 });

        var report = await lake.RunAsync(lake.Settings(commitEveryRecords: 150));

        report.ExitCode.ShouldBe(ExitCodes.Success, report.Error);
        lake.Proxy.InjectedCount(FaultKind.InternalError).ShouldBeGreaterThan(10, "requests: " + lake.Proxy.Requests);
        lake.Proxy.InjectedCount(FaultKind.SlowDown).ShouldBeGreaterThan(10, "requests: " + lake.Proxy.Requests);
        lake.Proxy.Injected.ShouldContain(f => f.Contains(" PUT ", StringComparison.Ordinal) && CommitFile.IsMatch(f));
        lake.Proxy.Injected.ShouldContain(f => f.Contains(" POST / ", StringComparison.Ordinal) || f.EndsWith(" POST /", StringComparison.Ordinal));
        await lake.ShouldHoldExactlyOnceAsync();
        (await lake.GlueDirect().GetTableAsync(lake.Database, GlueNames.Table(harness.Clicks), CancellationToken.None)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Run_ConnectionResetsAndTimeouts_EndsZeroOrCleanOneAndRerunLandsEveryRecordOnce()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 600);
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 7,
            new FaultRule(FaultKind.ConnectionReset) { Rate = 0.06, MaxConsecutive = 2 },
            new FaultRule(FaultKind.StoredThenConnectionReset) { Rate = 0.04, MaxConsecutive = 1 },
            new FaultRule(FaultKind.Timeout) { Rate = 0.02, MaxConsecutive = 1, Limit = 3 });

        var first = await lake.RunAsync(lake.Settings(commitEveryRecords: 150));

        lake.Proxy.InjectedCount(FaultKind.ConnectionReset).ShouldBeGreaterThan(0);
        lake.Proxy.InjectedCount(FaultKind.StoredThenConnectionReset).ShouldBeGreaterThan(0);
        lake.Proxy.InjectedCount(FaultKind.Timeout).ShouldBeGreaterThan(0);
        first.ExitCode.ShouldBeOneOf(ExitCodes.Success, ExitCodes.Failure);
        (first.Error ?? string.Empty).ShouldNotStartWith("unexpected");
        await lake.ShouldHoldNoDuplicatesAsync();
        lake.Proxy.SetRules();
        var rerun = await lake.RunAsync(lake.Settings(commitEveryRecords: 150));
        rerun.ExitCode.ShouldBe(ExitCodes.Success, rerun.Error);
        await lake.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_CommitPutsStoredButAnswered500_ExitsZeroWithEveryRecordOnce()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 600);
        // Commit PUTs 1 and 3 create tables (version 0); 6 and 9 are chunk commits.
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 1,
            new FaultRule(FaultKind.StoredThenInternalError) { Method = "PUT", Path = CommitFile, Occurrences = new HashSet<int> { 1, 3, 6, 9 } });

        var report = await lake.RunAsync(lake.Settings(commitEveryRecords: 150));

        lake.Proxy.InjectedCount(FaultKind.StoredThenInternalError).ShouldBe(4);
        report.ExitCode.ShouldBe(ExitCodes.Success, report.Error);
        report.Status.ShouldBe(RunStatus.Succeeded);
        await lake.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task Run_GlueFailing_CommitsTheFirstChunkExitsOneAndRegisterThenARerunRepairTheCatalog()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 600);
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 2,
            new FaultRule(FaultKind.InternalError) { Target = "AWSGlue." });
        var settings = lake.Settings(commitEveryRecords: 150);

        var failed = await lake.RunAsync(settings);

        failed.ExitCode.ShouldBe(ExitCodes.Failure);
        failed.Error.ShouldNotBeNull().ShouldContain("InternalServiceException");
        await lake.ShouldHoldNoDuplicatesAsync();
        lake.Proxy.SetRules();
        var register = new RegisterVerb { Lake = lake.Lake, GlueDatabase = lake.Database, Tables = harness.Clicks + "," + harness.Checkouts };
        var error = new StringWriter();
        (await ClickBatchCli.RunVerbAsync(register, new CliContext(new StringWriter(), error, TimeProvider.System, lake.Environment, false), CancellationToken.None))
            .ShouldBe(ExitCodes.Success, error.ToString());
        (await lake.GlueDirect().GetTableAsync(lake.Database, GlueNames.Table(harness.Clicks), CancellationToken.None)).ShouldNotBeNull();
        var rerun = await lake.RunAsync(settings);
        rerun.ExitCode.ShouldBe(ExitCodes.Success, rerun.Error);
        await lake.ShouldHoldExactlyOnceAsync();
        var glue = lake.GlueDirect();
        foreach (var table in new[] { harness.Clicks, harness.Checkouts, harness.Clicks + "_rejects" })
        {
            var name = GlueNames.Table(table);
            (await glue.GetTableAsync(lake.Database, name, CancellationToken.None)).ShouldNotBeNull(name);
            (await glue.GetPartitionsAsync(lake.Database, name, null, CancellationToken.None)).ShouldNotBeEmpty(name);
        }
    }
}
