namespace ClickBatch.Decoding;

/// <summary>
/// Collects the properties the schema does not know as one JSON object, copying each name and value byte-exact
/// from the payload (escapes, number spelling and nested whitespace included), in payload order.
/// </summary>
internal sealed class UnknownFieldsBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Json => _buffer.AsSpan(0, _length);

    public void Reset()
    {
        _length = 0;
        Count = 0;
    }

    /// <param name="rawName">The property name as written between its quotes (still escaped).</param>
    /// <param name="rawValue">The value's JSON text exactly as written.</param>
    public void Add(ReadOnlySpan<byte> rawName, ReadOnlySpan<byte> rawValue)
    {
        Ensure(rawName.Length + rawValue.Length + 5);
        _buffer[_length++] = Count == 0 ? (byte)'{' : (byte)',';
        _buffer[_length++] = (byte)'"';
        rawName.CopyTo(_buffer.AsSpan(_length));
        _length += rawName.Length;
        _buffer[_length++] = (byte)'"';
        _buffer[_length++] = (byte)':';
        rawValue.CopyTo(_buffer.AsSpan(_length));
        _length += rawValue.Length;
        Count++;
    }

    /// <summary>Closes the object; call once after the last <see cref="Add"/> when <see cref="Count"/> &gt; 0.</summary>
    public void Finish()
    {
        Ensure(1);
        _buffer[_length++] = (byte)'}';
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
