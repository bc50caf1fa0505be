using ClickBatch.Generation;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Generation;

public class MalformedRecordTests
{
    /// <summary>The stable names, in the order kinds are dealt out (an extra one goes to the earliest kinds).</summary>
    private static readonly string[] KindNames =
    [
        "truncated-json", "wrong-types", "missing-required-field", "non-utf8-bytes", "unknown-extra-fields",
        "null-required-field", "empty-payload", "tombstone",
    ];

    [Theory]
    [InlineData(0.08)]
    [InlineData(0.013)]
    [InlineData(0.5)]
    public async Task WriteAsync_MalformedRatio_WritesEachKindEvenlyAtTheRatio(double ratio)
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(malformedRatio: ratio));

        var byKind = sink.Records.GroupBy(r => RecordClassifier.Classify(r)).ToDictionary(g => g.Key, g => g.Count());
        var events = byKind[RecordClassifier.Valid];
        var expectedBad = (int)Math.Round(ratio * events, MidpointRounding.AwayFromZero);
        for (var i = 0; i < KindNames.Length; i++)
        {
            var expected = (expectedBad / KindNames.Length) + (i < expectedBad % KindNames.Length ? 1 : 0);
            byKind.GetValueOrDefault(KindNames[i]).ShouldBe(expected, KindNames[i]);
        }

        byKind.Keys.Except(KindNames).ShouldBe([RecordClassifier.Valid]);
    }

    [Fact]
    public async Task WriteAsync_ZeroRatio_WritesOnlyValidRecords()
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(malformedRatio: 0));

        sink.Records.ShouldAllBe(r => RecordClassifier.Classify(r, "clicks") == RecordClassifier.Valid);
    }

    [Fact]
    public async Task Plan_EveryRecord_MatchesTheKindFoundInItsBytes()
    {
        var (plan, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(malformedRatio: 0.1));

        plan.Records.Count.ShouldBe(sink.Records.Count);
        for (var i = 0; i < sink.Records.Count; i++)
        {
            var truth = plan.Records[i];
            var expected = truth.Role == RecordRole.Malformed ? MalformedKinds.Name(truth.Malformed) : RecordClassifier.Valid;
            RecordClassifier.Classify(sink.Records[i]).ShouldBe(expected, $"record {i}");
            sink.Records[i].Topic.ShouldBe(truth.Topic == EventTopic.Clicks ? "clicks" : "checkouts");
        }
    }

    [Fact]
    public async Task WriteAsync_WrongTypes_UsesStringsWhereNumbersBelong()
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(malformedRatio: 0.5));

        var wrong = sink.Records.Where(r => RecordClassifier.Classify(r) == "wrong-types")
            .Select(r => System.Text.Encoding.UTF8.GetString(r.Value!)).ToList();

        wrong.ShouldContain(json => json.Contains("\"user_id\":\"abc\"", StringComparison.Ordinal));
        wrong.ShouldContain(json => System.Text.RegularExpressions.Regex.IsMatch(json, "\"(price|total_amount)\":\"[0-9]+,[0-9]{2}\""));
    }

    [Fact]
    public void Names_EveryKind_HasItsStableKebabName()
    {
        MalformedKinds.All.Select(MalformedKinds.Name).ShouldBe(KindNames);
        MalformedKinds.All.Where(MalformedKinds.IsValidRecord).ShouldBe([MalformedKind.UnknownExtraFields]);
    }
}
