using ClickBatch.Generation;

namespace ClickBatch.Tests.Support;

/// <summary>A sink that copies every record into a list, in the order written.</summary>
public sealed class MemoryRecordSink : IRecordSink
{
    public List<CapturedRecord> Records { get; } = [];

    public bool Completed { get; private set; }

    public void Write(string topic, in PlannedRecord record, EncodedRecord encoded) =>
        Records.Add(new CapturedRecord(topic, encoded.Key.ToArray(), encoded.IsTombstone ? null : encoded.Value.ToArray(), record.TimestampUnixMs));

    public Task CompleteAsync(CancellationToken cancellationToken)
    {
        Completed = true;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Plans and writes a run into a new sink.</summary>
    public static async Task<(GenerationPlan Plan, MemoryRecordSink Sink)> GenerateAsync(GeneratorOptions options)
    {
        var plan = GenerationPlan.Create(options);
        var sink = new MemoryRecordSink();
        await EventGenerator.WriteAsync(plan, sink, CancellationToken.None);
        return (plan, sink);
    }
}
