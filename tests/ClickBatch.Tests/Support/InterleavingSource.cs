using ClickBatch.Kafka;
using ClickBatch.Ledger;

namespace ClickBatch.Tests.Support;

/// <summary>A group read that lets another task's whole run happen once its first chunk(s) were handed in.</summary>
internal sealed class InterleavingSource(FakeKafkaSource inner, Func<Task<RunReport>> otherRun, int afterBatches = 1) : ForwardingKafkaSource(inner)
{
    public RunReport? OtherRun { get; private set; }

    public override async IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(
        IReadOnlyList<string> topics, IAssignmentHandler handler, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batches = 0;
        await foreach (var batch in Inner.ReadGroupAsync(topics, handler, cancellationToken))
        {
            yield return batch;
            if (++batches >= afterBatches)
            {
                OtherRun ??= await otherRun();
            }
        }
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
