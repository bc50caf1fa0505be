using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Storage;

namespace ClickBatch.IntegrationTests.Faults;

/// <summary>
/// Issue 13: the local lake's disk fills up mid-run. No root-free way to a real ENOSPC here, so every write of the
/// lake's <see cref="LocalObjectStore"/> after the first <c>n</c> gets a temp file that fails with the IOException .NET
/// raises for ENOSPC (errno 28). The run ends with exit 1 naming the full disk, nothing half-committed, no temp
/// file left (item 10), and a rerun with space lands every record exactly once.
/// </summary>
public sealed class DiskFullTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Theory]
    [InlineData(6)]
    [InlineData(14)]
    [InlineData(25)]
    public async Task Run_LakeDiskFullAfterNWrites_ExitsOneLeavesNoTempFileAndRerunIsExact(int writesBeforeFull)
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 1500);
        var settings = harness.Settings(commitEveryRecords: 300);
        var writes = 0;

        string message;
        try
        {
            var full = await harness.RunAsync(settings, uri => new LocalObjectStore(uri, path =>
                Interlocked.Increment(ref writes) > writesBeforeFull ? new NoSpaceFile(path) : new FileStream(path, FileMode.CreateNew, FileAccess.Write)));
            full.ExitCode.ShouldBe(ExitCodes.Failure);
            message = full.Error.ShouldNotBeNull();
        }
        catch (LocalStoreException e)
        {
            // The run's ledger entry cannot be written either, so the failure leaves RunJob (the CLI: exit 1, this message).
            e.ExitCode.ShouldBe(ExitCodes.Failure);
            message = e.Message;
        }

        message.ShouldContain("No space left on device");
        Directory.EnumerateFiles(harness.Lake, ".tmp.*", SearchOption.AllDirectories).ShouldBeEmpty();
        var rerun = await harness.RunAsync(settings);
        rerun.ExitCode.ShouldBe(ExitCodes.Success, rerun.Error);
        foreach (var topic in new[] { harness.Clicks, harness.Checkouts })
        {
            var landed = await harness.OffsetsInLakeAsync(topic);
            landed.Count.ShouldBe(landed.Distinct().Count(), topic);
            landed.ToHashSet().SetEquals(harness.OffsetsInKafka(topic)).ShouldBeTrue(topic);
        }
    }

    /// <summary>A temp file on a full disk: created, then every write fails with ENOSPC.</summary>
    private sealed class NoSpaceFile(string path) : FileStream(path, FileMode.CreateNew, FileAccess.Write)
    {
        public override void Write(ReadOnlySpan<byte> buffer) => throw Full();

        public override void Write(byte[] buffer, int offset, int count) => throw Full();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => throw Full();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => throw Full();

        private IOException Full() => new("No space left on device : '" + Name + "'", 28);
    }
}
