using System.Reflection;
using System.Runtime.InteropServices;
using ClickBatch.Kafka.Native;
using Confluent.Kafka;

namespace ClickBatch.Kafka;

/// <summary>
/// Polls a Confluent.Kafka consumer's queue through librdkafka itself. Per record it copies the key and value into the
/// chunk's <see cref="PayloadSlab"/> and allocates nothing else, where <c>IConsumer.Consume</c> allocates a
/// ConsumeResult, a Message, a TopicPartitionOffset, the topic's name and an array per payload (issue 15,
/// docs/benchmarks.md). Assign, pause, watermarks and close stay on the Confluent consumer, whose error and log handlers
/// fire from this poll as from its own. Errors come out as Confluent's <see cref="ConsumeException"/>, as
/// <c>Consume</c> throws them. Holds a reference on the client handle until disposed.
/// </summary>
internal sealed class MessagePoller : IDisposable
{
    /// <summary>
    /// Confluent.Kafka keeps the <c>rd_kafka_t</c> in this internal property. Read once per read; a test pins it, so
    /// a package upgrade that moves it fails the build's tests, not a run.
    /// </summary>
    private static readonly PropertyInfo? HandleProperty =
        typeof(Handle).GetProperty("LibrdkafkaHandle", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// Where Confluent.Kafka keeps an exception thrown inside its rebalance callback (its own IncrementalAssign, say):
    /// only its <c>Consume</c> rethrows it, and this poller bypasses <c>Consume</c>. A test pins the field.
    /// </summary>
    private const string HandlerExceptionField = "handlerException";

    private readonly IClient _consumer;
    private readonly FieldInfo? _handlerException;
    private readonly Func<IClient, Exception?> _readHandlerException;
    private readonly SafeHandle _handle;
    private readonly nint _client;
    private readonly string[] _topics;
    private readonly Dictionary<nint, string> _topicNames = [];
    private bool _disposed;

    public MessagePoller(IClient consumer, IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        LibrdkafkaLoader.EnsureLoaded();
        _consumer = consumer;
        _handlerException = HandlerExceptionFieldOf(consumer);
        _readHandlerException = Reader(consumer.GetType(), _handlerException);
        _handle = ClientHandleOf(consumer);
        var added = false;
        _handle.DangerousAddRef(ref added);
        _client = _handle.DangerousGetHandle();
        _topics = topics.ToArray();
    }

    /// <summary>
    /// Polls once. A record's key and value live in <paramref name="slab"/> (null stays null: a tombstone or no key);
    /// its topic is the caller's own instance of the name when it is one of the topics given. A record
    /// <paramref name="wanted"/> refuses comes back as <see cref="PollResult.Unwanted"/>, its payloads not copied: the
    /// records a fetch carries past a partition's end would otherwise grow the slab (issue 15 review).
    /// </summary>
    /// <exception cref="ConsumeException">The queue delivered an error (librdkafka's code and text; fatal ones marked).</exception>
    public unsafe PollResult Poll(TimeSpan timeout, PayloadSlab slab, Func<string, int, long, bool> wanted, out KafkaRecord record)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var message = ConsumerNative.ConsumerPoll(_client, (int)timeout.TotalMilliseconds);
        record = default;
        if (_readHandlerException(_consumer) is { } failed)
        {
            // Rethrown here as Consume would; without this the task waited for the stall timeout (5 min) and then
            // blamed the brokers (issue 16 review).
            _handlerException!.SetValue(_consumer, null);
            if (message is not null)
            {
                ConsumerNative.MessageDestroy(message);
            }

            throw new KafkaSourceException("The Kafka client failed inside a consumer-group rebalance: " + failed.GetType().Name + ": "
                + failed.Message + ". The partitions this task held are committed up to its last chunk; rerun.", isTransient: false, failed);
        }

        if (message is null)
        {
            return PollResult.Nothing;
        }

        try
        {
            var topic = message->Topic == 0 ? null : TopicOf(message->Topic);
            if (message->Error != 0 && message->Error != ConsumerNative.PartitionEof || topic is null)
            {
                throw ErrorOf(message, topic);
            }

            if (message->Error == ConsumerNative.PartitionEof)
            {
                record = new KafkaRecord(topic, message->Partition, message->Offset, -1, KafkaTimestampType.NotAvailable, null, null);
                return PollResult.EndOfPartition;
            }

            if (!wanted(topic, message->Partition, message->Offset))
            {
                record = new KafkaRecord(topic, message->Partition, message->Offset, -1, KafkaTimestampType.NotAvailable, null, null);
                return PollResult.Unwanted;
            }

            var timestamp = ConsumerNative.MessageTimestamp(message, out var type);
            record = new KafkaRecord(topic, message->Partition, message->Offset, timestamp, TypeOf(type),
                CopyOrNull(slab, message->Key, message->KeyLength), CopyOrNull(slab, message->Payload, message->Length));
            return PollResult.Record;
        }
        finally
        {
            ConsumerNative.MessageDestroy(message);
        }
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _handle.DangerousRelease();
        }
    }

    /// <summary>Confluent.Kafka's stored rebalance-callback failure field of a consumer; null for other clients.</summary>
    internal static FieldInfo? HandlerExceptionFieldOf(IClient client) =>
        client.GetType().GetField(HandlerExceptionField, BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>A compiled read of the field (a reflection read per polled record would cost ~0.1 s per million records).</summary>
    private static Func<IClient, Exception?> Reader(Type type, FieldInfo? field)
    {
        if (field is null)
        {
            return _ => null;
        }

        var client = System.Linq.Expressions.Expression.Parameter(typeof(IClient), "client");
        var read = System.Linq.Expressions.Expression.Field(System.Linq.Expressions.Expression.Convert(client, type), field);
        return System.Linq.Expressions.Expression.Lambda<Func<IClient, Exception?>>(read, client).Compile();
    }

    /// <summary>The librdkafka client handle of a Confluent.Kafka client.</summary>
    internal static SafeHandle ClientHandleOf(IClient client) =>
        HandleProperty?.GetValue(client.Handle) as SafeHandle ?? throw new InvalidOperationException(
            $"Confluent.Kafka {typeof(Handle).Assembly.GetName().Version} keeps its librdkafka handle somewhere other than "
            + "Handle.LibrdkafkaHandle, where ClickBatch reads it. This is a ClickBatch bug: build with the Confluent.Kafka "
            + "version Directory.Packages.props pins.");

    /// <summary>The topic's name, decoded once per topic handle; the caller's instance of it when it is one of its topics.</summary>
    private string TopicOf(nint topicHandle)
    {
        if (!_topicNames.TryGetValue(topicHandle, out var name))
        {
            var decoded = NativeText.Read(ConsumerNative.TopicName(topicHandle));
            name = _topics.FirstOrDefault(t => string.Equals(t, decoded, StringComparison.Ordinal)) ?? decoded;
            _topicNames.Add(topicHandle, name);
        }

        return name;
    }

    /// <summary>
    /// Null for a null pointer (no key, a tombstone). Not <c>pointer == 0 ? null : slab.Copy(...)</c>: that conditional
    /// is typed ReadOnlyMemory, and the null literal converts to it through byte[] as an empty memory.
    /// </summary>
    private static ReadOnlyMemory<byte>? CopyOrNull(PayloadSlab slab, nint bytes, nuint length) =>
        bytes == 0 ? (ReadOnlyMemory<byte>?)null : slab.Copy(bytes, checked((int)length));

    private static KafkaTimestampType TypeOf(int type) => type switch
    {
        1 => KafkaTimestampType.CreateTime,
        2 => KafkaTimestampType.LogAppendTime,
        _ => KafkaTimestampType.NotAvailable,
    };

    private unsafe ConsumeException ErrorOf(RdKafkaMessage* message, string? topic)
    {
        Error error;
        if (message->Error == ConsumerNative.Fatal)
        {
            var text = stackalloc byte[512];
            var code = ConsumerNative.FatalError(_client, text, 512);
            error = new Error((ErrorCode)code, NativeText.Read(text), isFatal: true);
        }
        else
        {
            error = message->Error == 0
                ? new Error(ErrorCode.Local_Fail, "librdkafka returned a record without a topic", isFatal: true)
                : new Error((ErrorCode)message->Error, NativeText.Read(ConsumerNative.MessageErrorText(message)));
        }

        return new ConsumeException(
            new ConsumeResult<byte[], byte[]> { TopicPartitionOffset = new TopicPartitionOffset(topic, message->Partition, message->Offset) },
            error);
    }
}
