using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Generation;

public class GenerationDeterminismTests
{
    [Fact]
    public async Task WriteAsync_SameSeedAndOptions_WritesSameBytesInSameOrder()
    {
        var (_, first) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(seed: 7));
        var (_, second) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(seed: 7));

        second.Records.Count.ShouldBe(first.Records.Count);
        for (var i = 0; i < first.Records.Count; i++)
        {
            var (a, b) = (first.Records[i], second.Records[i]);
            b.Topic.ShouldBe(a.Topic, $"record {i}");
            b.Key.ShouldBe(a.Key, $"record {i}");
            b.TimestampUnixMs.ShouldBe(a.TimestampUnixMs, $"record {i}");
            (b.Value is null).ShouldBe(a.Value is null, $"record {i}");
            (b.Value ?? []).AsSpan().SequenceEqual(a.Value ?? []).ShouldBeTrue($"record {i} differs");
        }
    }

    [Fact]
    public async Task WriteAsync_DifferentSeed_WritesDifferentBytes()
    {
        var (_, first) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(seed: 7));
        var (_, second) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(seed: 8));

        var firstValues = first.Records.Where(r => r.Value is { Length: > 0 }).Select(r => Convert.ToBase64String(r.Value!)).ToHashSet();
        var shared = second.Records.Count(r => r.Value is { Length: > 0 } && firstValues.Contains(Convert.ToBase64String(r.Value)));

        shared.ShouldBe(0);
    }

    [Fact]
    public async Task WriteAsync_MoreMalformedRecords_KeepsTheValidEventsUnchanged()
    {
        var (_, clean) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(clicks: 1500, malformedRatio: 0));
        var (_, dirty) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(clicks: 1500, malformedRatio: 0.2));

        static List<string> ValidValues(MemoryRecordSink sink) => sink.Records
            .Where(r => RecordClassifier.Classify(r) == RecordClassifier.Valid)
            .Select(r => Convert.ToBase64String(r.Value!)).ToList();
        ValidValues(dirty).ShouldBe(ValidValues(clean));
    }
}
