using System.Runtime.InteropServices;

namespace ClickBatch.Kafka.Native;

/// <summary>librdkafka's <c>rd_kafka_message_t</c>, read in place (never marshalled).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RdKafkaMessage
{
    public int Error;
    public nint Topic;
    public int Partition;
    public nint Payload;
    public nuint Length;
    public nint Key;
    public nuint KeyLength;
    public long Offset;
    public nint Private;
}
