using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Writes one row of an Arrow record batch as a JSON object, the way DuckDB's <c>to_json(row)</c> does: structs as
/// objects, maps as objects keyed by their (string) keys, lists as arrays, nulls as null. That is the shape of a
/// commit line, so checkpoint rows go through the same action parser as commits.
/// <para>
/// Types the checkpoint schema never uses for an action field (dates, timestamps, decimals, binary; they appear only in
/// Spark's optional <c>stats_parsed</c> / <c>partitionValues_parsed</c> twins, which the parser ignores) are written as
/// strings or null, never as a failure.
/// </para>
/// </summary>
internal static class ArrowRowJson
{
    public static void WriteRow(Utf8JsonWriter writer, RecordBatch batch, int row)
    {
        writer.WriteStartObject();
        var fields = batch.Schema.FieldsList;
        for (var column = 0; column < fields.Count; column++)
        {
            writer.WritePropertyName(fields[column].Name);
            WriteValue(writer, batch.Column(column), row);
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, IArrowArray array, int index)
    {
        if (array.IsNull(index))
        {
            writer.WriteNullValue();
            return;
        }

        switch (array)
        {
            case StructArray structs:
                WriteStruct(writer, structs, index);
                break;
            case MapArray map:
                WriteMap(writer, map, index);
                break;
            case ListArray list:
                WriteList(writer, list.Values, list.ValueOffsets[index], list.GetValueLength(index));
                break;
            case LargeListArray list:
                WriteList(writer, list.Values, checked((int)list.ValueOffsets[index]), list.GetValueLength(index));
                break;
            case StringArray text:
                writer.WriteStringValue(text.GetString(index));
                break;
            case LargeStringArray text:
                writer.WriteStringValue(text.GetString(index));
                break;
            case StringViewArray text:
                writer.WriteStringValue(text.GetString(index));
                break;
            case BooleanArray flags:
                writer.WriteBooleanValue(flags.GetValue(index)!.Value);
                break;
            default:
                WriteScalar(writer, array, index);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, IArrowArray array, int index)
    {
        switch (array)
        {
            case Int64Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case Int32Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case Int16Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case Int8Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case UInt64Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case UInt32Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case UInt16Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case UInt8Array a: writer.WriteNumberValue(a.GetValue(index)!.Value); break;
            case DoubleArray a: WriteFloat(writer, a.GetValue(index)!.Value); break;
            case FloatArray a: WriteFloat(writer, a.GetValue(index)!.Value); break;
            case Date32Array a: writer.WriteStringValue(a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case TimestampArray a: writer.WriteStringValue(a.GetTimestamp(index)!.Value.ToString("O", CultureInfo.InvariantCulture)); break;
            case BinaryArray a when a.Data.DataType.TypeId is ArrowTypeId.Binary: writer.WriteBase64StringValue(a.GetBytes(index)); break;
            default: writer.WriteNullValue(); break;
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static void WriteStruct(Utf8JsonWriter writer, StructArray structs, int index)
    {
        writer.WriteStartObject();
        var type = (StructType)structs.Data.DataType;
        for (var i = 0; i < type.Fields.Count; i++)
        {
            writer.WritePropertyName(type.Fields[i].Name);
            WriteValue(writer, structs.Fields[i], index);
        }

        writer.WriteEndObject();
    }

    /// <summary>Delta maps are <c>map&lt;string, string&gt;</c>; a map with keys of another type is no checkpoint's.</summary>
    private static void WriteMap(Utf8JsonWriter writer, MapArray map, int index)
    {
        writer.WriteStartObject();
        var start = map.ValueOffsets[index];
        var end = start + map.GetValueLength(index);
        for (var i = start; i < end; i++)
        {
            writer.WritePropertyName(map.Keys switch
            {
                StringArray keys => keys.GetString(i),
                LargeStringArray keys => keys.GetString(i),
                StringViewArray keys => keys.GetString(i),
                _ => throw new InvalidDataException("a map column has keys of type " + map.Keys.Data.DataType.Name + ", not strings"),
            });
            WriteValue(writer, map.Values, i);
        }

        writer.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter writer, IArrowArray values, int start, int length)
    {
        writer.WriteStartArray();
        for (var i = start; i < start + length; i++)
        {
            WriteValue(writer, values, i);
        }

        writer.WriteEndArray();
    }
}
