using System.Buffers;
using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>
/// Writes records to a file instead of Kafka, one JSON object per line:
/// <c>{"topic":"clicks","key":"42","timestamp":1763856000000,"value":"&lt;base64&gt;"}</c>, with <c>"value":null</c> for
/// a tombstone. Base64 keeps malformed and non-UTF-8 values byte-exact.
/// </summary>
public sealed class FileRecordSink : IRecordSink
{
    private readonly Stream _stream;
    private readonly ArrayBufferWriter<byte> _line = new(2048);
    private readonly Utf8JsonWriter _json;

    private FileRecordSink(Stream stream)
    {
        _stream = stream;
        _json = new Utf8JsonWriter(_line);
    }

    /// <summary>Creates or truncates the file.</summary>
    public static FileRecordSink Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 20));

    /// <summary>Writes to a stream the caller owns (disposed with the sink).</summary>
    public static FileRecordSink Create(Stream stream) => new(stream);

    public void Write(string topic, in PlannedRecord record, EncodedRecord encoded)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        _json.WriteStartObject();
        _json.WriteString("topic"u8, topic);
        _json.WriteString("key"u8, encoded.Key);
        _json.WriteNumber("timestamp"u8, record.TimestampUnixMs);
        if (encoded.IsTombstone)
        {
            _json.WriteNull("value"u8);
        }
        else
        {
            _json.WriteBase64String("value"u8, encoded.Value);
        }

        _json.WriteEndObject();
        _json.Flush();
        _stream.Write(_line.WrittenSpan);
        _stream.WriteByte((byte)'\n');
    }

    public Task CompleteAsync(CancellationToken cancellationToken) => _stream.FlushAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Dispose never throws; an unflushed file was already reported by CompleteAsync.
        }
    }
}
