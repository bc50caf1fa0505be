using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Verify;

namespace ClickBatch.IntegrationTests.Jobs.Verify;

/// <summary>The kill test's verdict: compared against the harness's own truth (watermarks and DuckDB reads).</summary>
public sealed class OffsetVerifierTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task VerifyAsync_AfterCompleteRun_ExactWithEveryProducedRecord()
    {
        using var harness = new RunHarness(kafka);
        var generated = await harness.ProduceAsync(clicks: 500);
        var settings = harness.Settings(commitEveryRecords: 200);
        await harness.RunAsync(settings);
        var verifier = new OffsetVerifier(kafka.BootstrapServers, TimeSpan.FromSeconds(10));

        var verdicts = new[] { await verifier.VerifyAsync(settings.Topics[0], CancellationToken.None), await verifier.VerifyAsync(settings.Topics[1], CancellationToken.None) };

        verdicts.ShouldAllBe(v => v.IsExact);
        verdicts.Sum(v => v.KafkaRecords).ShouldBe(generated.Records);
        foreach (var (verdict, topic) in verdicts.Zip([harness.Clicks, harness.Checkouts]))
        {
            // A complete run landed each offset Kafka holds once: the lake's count per partition is Kafka's.
            var inKafka = harness.OffsetsInKafka(topic);
            verdict.Partitions.Select(p => (p.Partition, p.LakeRecords)).OrderBy(p => p.Partition).ShouldBe(
                Enumerable.Range(0, harness.Partitions).Select(p => (p, (long)inKafka.Count(o => o.Partition == p))), topic);
        }
    }

    [Fact]
    public async Task VerifyAsync_PartOfTheLakeMissing_MismatchCountsTheMissingOffsets()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 300);
        var settings = harness.Settings();
        await harness.RunAsync(settings);
        await kafka.ProduceAsync(harness.Clicks, partition: 1, count: 4);
        var verifier = new OffsetVerifier(kafka.BootstrapServers, TimeSpan.FromSeconds(10));

        var clicks = await verifier.VerifyAsync(settings.Topics[0], CancellationToken.None);

        clicks.IsExact.ShouldBeFalse();
        clicks.Missing.ShouldBe(4);
        clicks.Partitions.Single(p => p.Partition == 1).Missing.ShouldBe(4);
        clicks.Duplicates.ShouldBe(0);
    }

    [Fact]
    public async Task VerifyAsync_NothingLanded_EveryOffsetMissing()
    {
        using var harness = new RunHarness(kafka);
        await harness.ProduceAsync(clicks: 100);
        var verifier = new OffsetVerifier(kafka.BootstrapServers, TimeSpan.FromSeconds(10));

        var clicks = await verifier.VerifyAsync(harness.Settings().Topics[0], CancellationToken.None);

        clicks.ActiveFiles.ShouldBe(0);
        clicks.Missing.ShouldBe(harness.OffsetsInKafka(harness.Clicks).Count);
        clicks.IsExact.ShouldBeFalse();
    }
}
