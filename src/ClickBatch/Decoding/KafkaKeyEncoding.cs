using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;

namespace ClickBatch.Decoding;

/// <summary>
/// Stores a Kafka key in a string column losslessly. A key that is valid UTF-8 is stored as is; a key that is not
/// (or that itself starts with the marker) is stored as <c>base64:</c> followed by the standard Base64 of its bytes.
/// Readers decode with: starts with "base64:" ? Base64-decode the rest : UTF-8 text. Null key = null.
/// </summary>
public static class KafkaKeyEncoding
{
    public static ReadOnlySpan<byte> Marker => "base64:"u8;

    public static void Append(BytesColumn column, ReadOnlyMemory<byte>? key)
    {
        if (key is not { } memory)
        {
            column.AppendNull();
            return;
        }

        var bytes = memory.Span;
        if (Utf8.IsValid(bytes) && !bytes.StartsWith(Marker))
        {
            column.Append(bytes);
            return;
        }

        var target = column.Reserve(Marker.Length + Base64.GetMaxEncodedToUtf8Length(bytes.Length));
        Marker.CopyTo(target);
        Base64.EncodeToUtf8(bytes, target[Marker.Length..], out _, out var written);
        column.Commit(Marker.Length + written);
    }

    /// <summary>The original key bytes of a stored <c>_kafka_key</c> value (null stays null).</summary>
    public static byte[]? Decode(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        return stored.StartsWith("base64:", StringComparison.Ordinal)
            ? Convert.FromBase64String(stored["base64:".Length..])
            : Encoding.UTF8.GetBytes(stored);
    }
}
