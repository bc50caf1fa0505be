using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>A primitive type named as in the protocol: string, long, integer, short, byte, float, double, boolean,
/// binary, date, timestamp, timestamp_ntz, variant (or a name this build does not know, kept verbatim).</summary>
public sealed record PrimitiveType(string Name) : DeltaType
{
    public static readonly PrimitiveType String = new("string");
    public static readonly PrimitiveType Long = new("long");
    public static readonly PrimitiveType Integer = new("integer");
    public static readonly PrimitiveType Short = new("short");
    public static readonly PrimitiveType Byte = new("byte");
    public static readonly PrimitiveType Float = new("float");
    public static readonly PrimitiveType Double = new("double");
    public static readonly PrimitiveType Boolean = new("boolean");
    public static readonly PrimitiveType Binary = new("binary");
    public static readonly PrimitiveType Date = new("date");
    public static readonly PrimitiveType Timestamp = new("timestamp");
    public static readonly PrimitiveType TimestampNtz = new("timestamp_ntz");

    public override string ToTypeString() => Name;

    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(Name);
}
