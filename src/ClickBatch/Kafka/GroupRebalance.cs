using System.Runtime.ExceptionServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// The rebalance callbacks of a group read (docs/scale-out.md). librdkafka calls them from inside a poll, through
/// native code: nothing may be thrown out of them, so a failure is kept and thrown by <see cref="ThrowIfFailed"/>
/// once the poll returned, and no later callback calls the run's handler.
/// </summary>
internal sealed class GroupRebalance(
    IAssignmentHandler handler, BoundedReader reader, Func<IReadOnlyList<KafkaPartition>, IReadOnlyList<PartitionBounds>> captureBounds,
    TimeProvider clock, ILogger logger)
{
    private readonly HashSet<KafkaPartition> _held = [];
    private Exception? _failure;
    private long _lastChange = clock.GetTimestamp();

    /// <summary>The coordinator answered this task at least once (its assignment may be empty: more tasks than partitions).</summary>
    public bool HasAssignment { get; private set; }

    /// <summary>
    /// Whether the read may end once every partition held is complete: at once when it holds partitions, else only after
    /// <paramref name="idleWait"/> without a rebalance. A task that joins a running group first gets an empty assignment
    /// while the others give up partitions (cooperative rebalancing), then those partitions a moment later.
    /// </summary>
    public bool MayFinish(TimeSpan idleWait) => HasAssignment && (_held.Count > 0 || clock.GetElapsedTime(_lastChange) >= idleWait);

    /// <summary>
    /// Confluent assigns exactly what this returns. Each partition starts where the run's handler planned it; one with
    /// nothing to read starts at its end and is paused once assigned.
    /// </summary>
    public IEnumerable<TopicPartitionOffset> Assigned(List<TopicPartition> partitions)
    {
        HasAssignment = true;
        _lastChange = clock.GetTimestamp();
        var keys = Keys(partitions);
        _held.UnionWith(keys);
        if (_failure is not null || keys.Count == 0)
        {
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.End));
        }

        try
        {
            KafkaSourceLog.GroupAssigned(logger, keys.Count, Describe(keys));
            var bounds = captureBounds(keys);
            var ranges = handler.Assigned(bounds).ToDictionary(r => r.Key);
            reader.Add([.. ranges.Values]);
            reader.AfterAssign(keys.Where(k => ranges.TryGetValue(k, out var r) && !r.IsEmpty), keys.Where(k => !ranges.TryGetValue(k, out var r) || r.IsEmpty));
            // An empty range may start below earliest (a partition blocked by a data-loss gap): never fetched, so at the end.
            return partitions.Select(p => new TopicPartitionOffset(p,
                ranges.TryGetValue(new KafkaPartition(p.Topic, p.Partition.Value), out var range) && !range.IsEmpty ? range.From : Offset.End));
        }
        catch (Exception ex)
        {
            Fail(ex);
            return partitions.Select(p => new TopicPartitionOffset(p, Offset.End));
        }
    }

    /// <summary>The run commits what it read of the partitions before the group hands them to another task.</summary>
    public void Revoked(List<TopicPartitionOffset> partitions)
    {
        var keys = Keys(partitions.Select(p => p.TopicPartition));
        _held.ExceptWith(keys);
        _lastChange = clock.GetTimestamp();
        try
        {
            reader.Forget(keys);
            if (_failure is null && keys.Count > 0)
            {
                KafkaSourceLog.GroupRevoked(logger, keys.Count, Describe(keys));
                handler.Revoked(keys);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
    }

    /// <summary>
    /// The session expired (this task was silent past session.timeout.ms, or did not poll within max.poll.interval.ms) and the group may already have given the
    /// partitions to another task: committing them now could only conflict. The run stops; what it committed stands.
    /// </summary>
    public void Lost(List<TopicPartitionOffset> partitions)
    {
        var keys = Keys(partitions.Select(p => p.TopicPartition));
        _held.ExceptWith(keys);
        reader.Forget(keys);
        KafkaSourceLog.GroupLost(logger, keys.Count, Describe(keys));
        Fail(new KafkaSourceException(
            $"This task lost its partitions ({Describe(keys)}) to the consumer group: it did not reach the group coordinator within "
            + "session.timeout.ms, and the group may have given them to another task. It stopped without committing what it read of "
            + "them since its last commit; that is read again by whoever holds them next. Rerun; if it recurs, raise "
            + "Kafka.Properties.session.timeout.ms (or max.poll.interval.ms, when a commit takes longer than it) or look for long "
            + "pauses (CPU starved, network).", isTransient: true));
    }

    /// <summary>Keeps the first failure and stops the chunk being read: nothing after it may hide it or be handed out.</summary>
    private void Fail(Exception failure)
    {
        _failure ??= failure;
        reader.Abort();
    }

    public bool HasFailed => _failure is not null;

    public void ThrowIfFailed()
    {
        if (_failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    private static List<KafkaPartition> Keys(IEnumerable<TopicPartition> partitions) =>
        partitions.Select(p => new KafkaPartition(p.Topic, p.Partition.Value)).ToList();

    private static string Describe(IEnumerable<KafkaPartition> keys) => string.Join(",", keys.Select(k => k.ToString()));
}
