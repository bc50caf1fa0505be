using System.Runtime.InteropServices;

namespace ClickBatch.Kafka.Native;

/// <summary>Reads NUL-terminated UTF-8 strings that librdkafka owns or wrote into our buffers.</summary>
internal static unsafe class NativeText
{
    public static string Read(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;

    public static string Read(nint text) => Marshal.PtrToStringUTF8(text) ?? string.Empty;
}
