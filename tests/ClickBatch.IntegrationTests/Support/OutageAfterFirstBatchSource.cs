using System.Runtime.CompilerServices;
using ClickBatch.Kafka;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>A real source that runs <paramref name="outage"/> (e.g. takes the brokers down) once, right after its first batch.</summary>
public sealed class OutageAfterFirstBatchSource(IKafkaSource inner, Action outage) : ForwardingKafkaSource(inner)
{
    public int BatchesBeforeOutage { get; private set; }

    public override async IAsyncEnumerable<KafkaRecordBatch> ReadAsync(
        IReadOnlyList<PartitionRange> ranges, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var first = true;
        await foreach (var batch in base.ReadAsync(ranges, cancellationToken))
        {
            yield return batch;
            if (first)
            {
                first = false;
                BatchesBeforeOutage = 1;
                outage();
            }
        }
    }
}
