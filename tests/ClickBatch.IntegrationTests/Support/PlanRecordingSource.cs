using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// A real source that hands over the ranges of the run's first read (its plan, made from the tables' stored offsets)
/// the moment the run asks to read them, so a test knows the run has planned.
/// </summary>
public sealed class PlanRecordingSource(IKafkaSource inner, TaskCompletionSource<IReadOnlyList<PartitionRange>> planned) : ForwardingKafkaSource(inner)
{
    public override IAsyncEnumerable<KafkaRecordBatch> ReadAsync(IReadOnlyList<PartitionRange> ranges, CancellationToken cancellationToken)
    {
        planned.TrySetResult(ranges);
        return base.ReadAsync(ranges, cancellationToken);
    }
}
