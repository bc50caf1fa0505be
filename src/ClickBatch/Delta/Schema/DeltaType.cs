using System.Text.Json;

namespace ClickBatch.Delta.Schema;

/// <summary>A Delta data type (PROTOCOL.md "Schema Serialization Format"): primitive, decimal, struct, array or map.</summary>
public abstract record DeltaType
{
    /// <summary>
    /// A readable type string: the Delta name for primitives (<c>long</c>, <c>decimal(38,18)</c>) and
    /// <c>struct&lt;a: long&gt;</c>, <c>array&lt;string&gt;</c>, <c>map&lt;string, long&gt;</c> for nested types.
    /// </summary>
    public abstract string ToTypeString();

    /// <summary>Writes the type as the protocol's JSON: a string for primitives, an object for nested types.</summary>
    public abstract void WriteTo(Utf8JsonWriter writer);

    public sealed override string ToString() => ToTypeString();
}
