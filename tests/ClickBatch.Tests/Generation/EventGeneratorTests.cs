using ClickBatch.Generation;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Generation;

public class EventGeneratorTests
{
    [Fact]
    public async Task WriteAsync_Cancelled_StopsWithoutCompletingTheSink()
    {
        var plan = GenerationPlan.Create(GeneratorOptionsBuilder.Create(clicks: 100));
        var sink = new MemoryRecordSink();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => EventGenerator.WriteAsync(plan, sink, cancellation.Token));

        sink.Completed.ShouldBeFalse();
        sink.Records.ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteAsync_Summary_CountsWhatTheSinkReceived()
    {
        var plan = GenerationPlan.Create(GeneratorOptionsBuilder.Create(clicks: 500, malformedRatio: 0.1));
        var sink = new MemoryRecordSink();

        var summary = await EventGenerator.WriteAsync(plan, sink, CancellationToken.None);

        sink.Completed.ShouldBeTrue();
        summary.Records.ShouldBe(sink.Records.Count);
        summary.Clicks.Records.ShouldBe(sink.Records.Count(r => r.Topic == "clicks"));
        summary.Clicks.ValueBytes.ShouldBe(sink.Records.Where(r => r.Topic == "clicks").Sum(r => (long)(r.Value?.Length ?? 0)));
        summary.Kind(MalformedKind.Tombstone).ShouldBe(sink.Records.Count(r => r.Value is null));
        summary.Clicks.Events.ShouldBe(500);
        summary.Checkouts.Events.ShouldBe(150);
    }
}
