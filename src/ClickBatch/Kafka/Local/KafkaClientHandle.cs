using ClickBatch.Kafka.Native;
using Microsoft.Win32.SafeHandles;

namespace ClickBatch.Kafka.Local;

/// <summary>An <c>rd_kafka_t</c> owned by this process; released with <c>rd_kafka_destroy</c>.</summary>
internal sealed class KafkaClientHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public KafkaClientHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>
    /// Creates the client that hosts the mock cluster. It never connects anywhere: it only owns the cluster's
    /// threads. <c>log_level=4</c> hides the "no bootstrap.servers" warning such a client would log.
    /// </summary>
    public static unsafe KafkaClientHandle Create()
    {
        LibrdkafkaLoader.EnsureLoaded();
        var conf = LibrdkafkaNative.ConfNew();
        var errorText = stackalloc byte[512];
        if (LibrdkafkaNative.ConfSet(conf, "log_level", "4", errorText, 512) != LibrdkafkaNative.ConfOk)
        {
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException("librdkafka refused log_level=4: " + NativeText.Read(errorText));
        }

        var client = LibrdkafkaNative.New(LibrdkafkaNative.ProducerType, conf, errorText, 512);
        if (client == 0)
        {
            // rd_kafka_new only takes ownership of the configuration when it succeeds.
            LibrdkafkaNative.ConfDestroy(conf);
            throw new InvalidOperationException("librdkafka could not create the host client: " + NativeText.Read(errorText));
        }

        var handle = new KafkaClientHandle();
        handle.SetHandle(client);
        return handle;
    }

    protected override bool ReleaseHandle()
    {
        LibrdkafkaNative.Destroy(handle);
        return true;
    }
}
