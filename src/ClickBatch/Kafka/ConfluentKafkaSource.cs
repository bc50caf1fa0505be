using System.Runtime.CompilerServices;
using ClickBatch.Errors;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Kafka;

/// <summary>
/// <see cref="IKafkaSource"/> on Confluent.Kafka: one consumer reads, manually assigned (<see cref="ReadAsync"/>, no
/// group membership) or as a member of the group (<see cref="ReadGroupAsync"/>, docs/scale-out.md); short-lived
/// consumers of the given group read and commit group offsets, except that a member commits its own.
/// One read at a time.
/// </summary>
public sealed class ConfluentKafkaSource : IKafkaSource
{
    private readonly KafkaSettings _settings;
    private readonly KafkaSourceOptions _options;
    private readonly IConsumer<byte[]?, byte[]?> _consumer;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly RebalanceRelay _relay;
    private int _reading;
    private bool _subscribed;

    private ConfluentKafkaSource(
        KafkaSettings settings, KafkaSourceOptions options, IConsumer<byte[]?, byte[]?> consumer, RebalanceRelay relay, TimeProvider clock, ILogger logger)
    {
        _settings = settings;
        _options = options;
        _consumer = consumer;
        _relay = relay;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Validates settings and options (all problems at once, exit 2) and creates the consumer.</summary>
    public static ConfluentKafkaSource Create(KafkaSettings settings, KafkaSourceOptions options, TimeProvider clock, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var relay = new RebalanceRelay();
        var consumer = BuildConsumer(settings, ConsumerConfigFactory.Create(settings, options, options.GroupId), new ClientErrorLog(logger, clock), logger, relay);
        return new ConfluentKafkaSource(settings, options, consumer, relay, clock, logger);
    }

    public Task<IReadOnlyList<PartitionBounds>> CaptureBoundsAsync(IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        Task.Run(() => new BoundsCapture(_consumer, _options.RequestTimeout, _settings.BootstrapServers, _logger).Capture(topics, cancellationToken), cancellationToken);

    public async IAsyncEnumerable<KafkaRecordBatch> ReadGroupAsync(
        IReadOnlyList<string> topics, IAssignmentHandler handler, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(handler);
        EnterRead();
        try
        {
            var progress = new ReadProgress([]);
            using var reader = StartReader(progress, topics);
            var bounds = new BoundsCapture(_consumer, _options.RequestTimeout, _settings.BootstrapServers, _logger);
            var rebalance = new GroupRebalance(handler, reader, partitions => bounds.Capture(partitions, cancellationToken), _clock, _logger);
            _relay.Target = rebalance;
            try
            {
                KafkaSourceLog.GroupJoining(_logger, _options.GroupId, string.Join(",", topics));
                _consumer.Subscribe(topics);
                _subscribed = true;
                var joined = _clock.GetTimestamp();
                while (!progress.IsDone || !rebalance.MayFinish(_options.GroupIdleWait))
                {
                    KafkaRecordBatch batch;
                    try
                    {
                        batch = await Task.Run(() => reader.ReadChunk(cancellationToken, pollOnce: true), cancellationToken);
                    }
                    catch (Exception) when (rebalance.HasFailed)
                    {
                        // The rebalance's failure first (lost partitions, a failed commit): it says why, and decides the exit code.
                        rebalance.ThrowIfFailed();
                        throw;
                    }

                    rebalance.ThrowIfFailed();
                    ThrowIfNeverAssigned(rebalance, joined);
                    if (batch.Records.Count > 0 || batch.Positions.Count > 0)
                    {
                        yield return batch;
                    }
                }
            }
            finally
            {
                // From here a rebalance (another task joins or leaves before this one closes) takes the default path: this
                // run commits what it read itself, and the callbacks must not reenter it.
                _relay.Target = null;
            }
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    public Task<IReadOnlyDictionary<KafkaPartition, long>> GetGroupOffsetsAsync(
        string groupId, IReadOnlyList<KafkaPartition> partitions, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyDictionary<KafkaPartition, long>>(() =>
        {
            using var consumer = BuildGroupConsumer(groupId);
            var committed = Guard(() => consumer.Committed(partitions.Select(p => new TopicPartition(p.Topic, p.Partition)),
                _options.RequestTimeout), "read the committed offsets of group '" + groupId + "'", _settings.BootstrapServers);
            return committed.Where(c => c.Offset.Value >= 0)
                .ToDictionary(c => new KafkaPartition(c.Topic, c.Partition.Value), c => c.Offset.Value);
        }, cancellationToken);

    public Task<IReadOnlyDictionary<int, long?>> GetOffsetsForTimesAsync(
        string topic, IReadOnlyList<int> partitions, DateTimeOffset timestamp, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyDictionary<int, long?>>(() =>
        {
            var at = new Timestamp(timestamp.ToUnixTimeMilliseconds(), TimestampType.CreateTime);
            var found = Guard(() => _consumer.OffsetsForTimes(partitions.Select(p => new TopicPartitionTimestamp(topic, p, at)), _options.RequestTimeout),
                "look up offsets by timestamp in topic '" + topic + "'", _settings.BootstrapServers);
            // librdkafka answers -1 (End) for a partition without a record at or after the timestamp.
            return found.ToDictionary(f => f.Partition.Value, f => f.Offset.Value >= 0 ? f.Offset.Value : (long?)null);
        }, cancellationToken);

    public Task CommitGroupOffsetsAsync(
        string groupId, IReadOnlyDictionary<KafkaPartition, long> nextOffsets, CancellationToken cancellationToken) =>
        nextOffsets.Count == 0 ? Task.CompletedTask : Task.Run(() =>
        {
            var offsets = nextOffsets.Select(o => new TopicPartitionOffset(o.Key.Topic, o.Key.Partition, o.Value)).ToList();
            if (_subscribed && string.Equals(groupId, _options.GroupId, StringComparison.Ordinal))
            {
                // A member commits as itself: the broker refuses commits to a group with members from outside it.
                Guard(() => { _consumer.Commit(offsets); return 0; }, "commit offsets to group '" + groupId + "'", _settings.BootstrapServers);
                return;
            }

            using var consumer = BuildGroupConsumer(groupId);
            Guard(() => { consumer.Commit(offsets); return 0; }, "commit offsets to group '" + groupId + "'", _settings.BootstrapServers);
        }, cancellationToken);

    public async IAsyncEnumerable<KafkaRecordBatch> ReadAsync(
        IReadOnlyList<PartitionRange> ranges, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        EnterRead();
        try
        {
            var progress = new ReadProgress(ranges);
            using var reader = StartReader(progress, progress.Topics, _options.ReadBuffers);
            Assign(ranges);
            // Read ahead: the next chunk is read (into the reader's other buffers) while the caller writes this one. Only
            // here: under group assignment a rebalance inside a poll commits, which needs the caller idle. The read ahead has
            // a token of its own: a caller that stops on a failure of its own must not wait for a chunk that may never fill.
            using var readAhead = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var token = readAhead.Token;
            Task<KafkaRecordBatch>? ReadNext() => progress.IsDone ? null : Task.Run(() => reader.ReadChunk(token), token);
            var next = ReadNext();
            try
            {
                while (next is not null)
                {
                    var batch = await next;
                    next = ReadNext();
                    if (batch.Records.Count > 0 || batch.Positions.Count > 0)
                    {
                        // The chunk in flight took the next buffer; the ones after it are the caller's to keep.
                        yield return batch with { KeptForChunks = _options.ReadBuffers - 2 };
                    }
                }
            }
            finally
            {
                // The caller stopped early (a failure, a signal): the read in flight is cancelled and ends before the consumer
                // is unassigned. Its outcome no longer matters: the caller is already leaving with its own.
                if (next is not null)
                {
                    await readAhead.CancelAsync();
                    await next.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            _consumer.Unassign();
            Volatile.Write(ref _reading, 0);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            // A member leaves the group here, so its partitions move to the other tasks at once, not after session.timeout.ms.
            _consumer.Close();
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            // Dispose never throws; a consumer that cannot leave cleanly holds no group membership anyway.
        }

        _consumer.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The reader and its consume loop. The loop binds ClickBatch's own librdkafka calls to the library Confluent.Kafka
    /// loaded: a failure there is the installation's, said as such, never an unexpected error.
    /// </summary>
    private void ThrowIfNeverAssigned(GroupRebalance rebalance, long joined)
    {
        if (!rebalance.HasAssignment && _clock.GetElapsedTime(joined) > _options.StallTimeout)
        {
            throw (KafkaSourceException)new KafkaSourceException(
                $"Joined consumer group '{_options.GroupId}' but its coordinator assigned this task nothing for {_options.StallTimeout}: "
                + "expected an assignment (possibly empty) within a few heartbeats. Check the brokers' group coordinator and that every "
                + "task of the job uses the same topics and --group-id; then rerun (nothing was read).", isTransient: true)
                .With("GroupId", _options.GroupId);
        }
    }

    private void EnterRead()
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("This Kafka source is already reading; one read at a time.");
        }
    }

    private BoundedReader StartReader(ReadProgress progress, IEnumerable<string> topics, int buffers = 2)
    {
        try
        {
            return new BoundedReader(_consumer, progress, topics, _options, _clock, _logger, buffers);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException or ObjectDisposedException)
        {
            throw new KafkaSourceException(
                "Could not start reading Kafka: ClickBatch's consume loop could not bind to the librdkafka library Confluent.Kafka "
                + "loaded (" + ex.Message + "). Reinstall ClickBatch (the librdkafka files under runtimes/ must be present) and rerun.",
                isTransient: false, ex);
        }
    }

    private void Assign(IReadOnlyList<PartitionRange> ranges)
    {
        var pending = ranges.Where(r => !r.IsEmpty).ToList();
        KafkaSourceLog.ReadStarted(_logger, pending.Count, ranges.Count - pending.Count);
        foreach (var range in pending)
        {
            KafkaSourceLog.PartitionAssigned(_logger, range.Topic, range.Partition, range.From, range.To);
        }

        _consumer.Assign(pending.Select(r => new TopicPartitionOffset(r.Topic, r.Partition, r.From)));
        // librdkafka keeps a partition's pause across unassign and assign: one that an earlier read paused at its end
        // would start this read paused and stall.
        _consumer.Resume(pending.Select(r => new TopicPartition(r.Topic, r.Partition)));
    }

    private IConsumer<byte[]?, byte[]?> BuildGroupConsumer(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        return BuildConsumer(_settings, ConsumerConfigFactory.Create(_settings, _options, groupId), new ClientErrorLog(_logger, _clock), _logger, relay: null);
    }

    private static IConsumer<byte[]?, byte[]?> BuildConsumer(KafkaSettings settings, ConsumerConfig config, ClientErrorLog errors, ILogger logger, RebalanceRelay? relay)
    {
        try
        {
            var builder = new ConsumerBuilder<byte[]?, byte[]?>(config)
                .SetErrorHandler((_, error) => errors.Report(error.Code.ToString(), error.Reason))
                .SetLogHandler((_, message) => KafkaSourceLog.ClientLog(logger, message.Facility, message.Message));
            if (relay is not null)
            {
                builder.SetPartitionsAssignedHandler((_, partitions) => relay.Assigned(partitions))
                    .SetPartitionsRevokedHandler((_, partitions) => relay.Revoked(partitions))
                    .SetPartitionsLostHandler((_, partitions) => relay.Lost(partitions));
            }

            return builder.Build();
        }
        catch (Exception ex) when (ex is ArgumentException or KafkaException or InvalidOperationException)
        {
            throw new ConfigurationException("Kafka client settings were refused by librdkafka: " + settings.RedactSecretsIn(ex.Message));
        }
    }

    internal static T Guard<T>(Func<T> call, string action, string brokers)
    {
        try
        {
            return call();
        }
        catch (KafkaException ex)
        {
            var unreachable = ex.Error.Code is ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown or ErrorCode.Local_TimedOut
                or ErrorCode.Local_Resolve or ErrorCode.Local_Authentication or ErrorCode.Local_Ssl or ErrorCode.SaslAuthenticationFailed;
            throw (KafkaSourceException)new KafkaSourceException(
                $"Could not {action} from {brokers}: {ex.Error.Code} ({ex.Error.Reason})."
                + (unreachable ? " Check that the brokers are reachable from here (bootstrap servers, network, security group) and the "
                    + "security settings (Kafka.SecurityProtocol, SASL); then rerun." : string.Empty),
                !ex.Error.IsFatal, ex).With("BootstrapServers", brokers);
        }
    }
}
