using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Faults;

/// <summary>
/// Issue 13 "Deliver as well": the real <c>clickbatch run</c> into an s3:// lake (moto, S3 slowed by the proxy so signals
/// land mid-run) stopped by SIGTERM (exit 130) or SIGKILLed again and again; reruns leave every record exactly once.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class S3ProcessKillTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task RunCommand_SigtermDuringAnS3Run_Exits130AndRerunLandsEveryRecordOnce()
    {
        using var harness = new RunHarness(kafka);
        // Enough records for about 25 read chunks of 2,000, each committed through the slowed S3, so the signal lands while
        // the run still reads (with 8,000 clicks the run had read everything by its third commit and rightly ended 0).
        await harness.ProduceAsync(clicks: 40_000);
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 3, new FaultRule(FaultKind.Latency) { S3Only = true });
        var arguments = await lake.RunArgumentsAsync(commitEveryRecords: 1000);

        int exit;
        using (var run = ClickBatchProcess.Start(lake.Environment, arguments))
        {
            // The proxy counts the run's S3 requests: past the tables' creation and start commits, chunks are being committed.
            // (Listing the log on moto instead took over a minute while the run kept moto busy: the signal came too late.)
            await WaitForAsync(() => Task.FromResult(run.HasExited || lake.Proxy.Requests >= 80));
            if (run.HasExited)
            {
                // Only here: awaiting the child's stderr waits until the child ends. As the message of an assertion on the
                // live run it was evaluated every time, so the signal came after the run had ended (exit 0, or no process).
                throw new ShouldAssertException("the run ended before its first chunk commit could be interrupted: " + await run.StandardError);
            }

            PosixSignals.Send(run.Id, PosixSignals.SigTerm);
            exit = await run.WaitForExitAsync(RunTimeout);
            exit.ShouldBe(ExitCodes.Interrupted, await run.StandardError);
        }

        await lake.ShouldHoldNoDuplicatesAsync();
        lake.Proxy.SetRules();
        using var rerun = ClickBatchProcess.Start(lake.Environment, arguments);
        (await rerun.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await rerun.StandardError);
        await lake.ShouldHoldExactlyOnceAsync();
    }

    [Fact]
    public async Task RunCommand_TwentySigkillsOnS3_EveryRecordExactlyOnce()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 3000);
        await using var lake = await S3FaultLake.CreateAsync(moto, harness, seed: 4, new FaultRule(FaultKind.Latency) { S3Only = true });
        var arguments = await lake.RunArgumentsAsync(commitEveryRecords: 150);
        var random = new Random(20);
        var killedWhileRunning = 0;

        for (var kill = 0; kill < 20; kill++)
        {
            using var run = ClickBatchProcess.Start(lake.Environment, arguments);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(400, 1800)));
            if (!run.HasExited)
            {
                await run.KillAsync();
                killedWhileRunning++;
            }
            else
            {
                (await run.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await run.StandardError);
            }
        }

        await lake.ShouldHoldNoDuplicatesAsync();
        lake.Proxy.SetRules();
        using var last = ClickBatchProcess.Start(lake.Environment, arguments);
        (await last.WaitForExitAsync(RunTimeout)).ShouldBe(ExitCodes.Success, await last.StandardError);
        killedWhileRunning.ShouldBeGreaterThanOrEqualTo(15, "most of the 20 SIGKILLs should hit a running job");
        (await lake.CommitsAsync(harness.Clicks)).ShouldBeGreaterThan(3);
        await lake.ShouldHoldExactlyOnceAsync();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + RunTimeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "timed out waiting for the run");
            await Task.Delay(100);
        }
    }
}
