using Microsoft.Win32.SafeHandles;

namespace ClickBatch.Kafka.Local;

/// <summary>
/// An <c>rd_kafka_mock_cluster_t</c>. It lives inside its host client, so it keeps that client alive and is
/// destroyed before it: <c>rd_kafka_mock_cluster_destroy</c> first, then the client is released.
/// </summary>
internal sealed class MockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private KafkaClientHandle? _host;

    public MockClusterHandle()
        : base(ownsHandle: true)
    {
    }

    public static MockClusterHandle Create(int brokerCount)
    {
        var host = KafkaClientHandle.Create();
        var cluster = LibrdkafkaNative.MockClusterNew(host, brokerCount);
        if (cluster == 0)
        {
            host.Dispose();
            throw new InvalidOperationException(
                "librdkafka could not create a mock cluster with " + brokerCount + " brokers (see its log on stderr).");
        }

        var success = false;
        host.DangerousAddRef(ref success);
        var handle = new MockClusterHandle { _host = host };
        handle.SetHandle(cluster);
        host.Dispose();
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LibrdkafkaNative.MockClusterDestroy(handle);
        _host?.DangerousRelease();
        return true;
    }
}
