using Apache.Arrow;
using Apache.Arrow.Types;
using ClickBatch.Delta.Actions;
using ParquetSharp;
using ParquetSharp.Arrow;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>
/// Turns checkpoint actions into Parquet with the column layout of PROTOCOL.md "Checkpoint Schema": one nullable
/// struct column per action, maps as Parquet MAP (<c>key_value</c> of key and value), arrays as three-level LIST
/// (<c>list.element</c>), snappy. The rows are built as Arrow arrays and written by ParquetSharp's Arrow writer
/// (Arrow C++ does the nested encoding), one row per action with exactly one column set.
/// </summary>
public static class CheckpointParquet
{
    private static readonly MapType StringMap = new(new Field("key", StringType.Default, nullable: false), new Field("value", StringType.Default, nullable: true));
    private static readonly ListType StringList = new(new Field("element", StringType.Default, nullable: true));

    private static readonly StructType DeletionVectorType = new([
        new Field("storageType", StringType.Default, true),
        new Field("pathOrInlineDv", StringType.Default, true),
        new Field("offset", Int32Type.Default, true),
        new Field("sizeInBytes", Int32Type.Default, true),
        new Field("cardinality", Int64Type.Default, true),
        new Field("maxRowIndex", Int64Type.Default, true),
    ]);

    private static readonly StructType TxnType = new([
        new Field("appId", StringType.Default, true),
        new Field("version", Int64Type.Default, true),
        new Field("lastUpdated", Int64Type.Default, true),
    ]);

    private static readonly StructType AddType = new([
        new Field("path", StringType.Default, true),
        new Field("partitionValues", StringMap, true),
        new Field("size", Int64Type.Default, true),
        new Field("modificationTime", Int64Type.Default, true),
        new Field("dataChange", BooleanType.Default, true),
        new Field("stats", StringType.Default, true),
        new Field("tags", StringMap, true),
        new Field("deletionVector", DeletionVectorType, true),
        new Field("baseRowId", Int64Type.Default, true),
        new Field("defaultRowCommitVersion", Int64Type.Default, true),
    ]);

    private static readonly StructType RemoveType = new([
        new Field("path", StringType.Default, true),
        new Field("deletionTimestamp", Int64Type.Default, true),
        new Field("dataChange", BooleanType.Default, true),
        new Field("extendedFileMetadata", BooleanType.Default, true),
        new Field("partitionValues", StringMap, true),
        new Field("size", Int64Type.Default, true),
        new Field("deletionVector", DeletionVectorType, true),
        new Field("baseRowId", Int64Type.Default, true),
        new Field("defaultRowCommitVersion", Int64Type.Default, true),
    ]);

    private static readonly StructType FormatType = new([
        new Field("provider", StringType.Default, true),
        new Field("options", StringMap, true),
    ]);

    private static readonly StructType MetadataType = new([
        new Field("id", StringType.Default, true),
        new Field("name", StringType.Default, true),
        new Field("description", StringType.Default, true),
        new Field("format", FormatType, true),
        new Field("schemaString", StringType.Default, true),
        new Field("partitionColumns", StringList, true),
        new Field("configuration", StringMap, true),
        new Field("createdTime", Int64Type.Default, true),
    ]);

    private static readonly StructType ProtocolType = new([
        new Field("minReaderVersion", Int32Type.Default, true),
        new Field("minWriterVersion", Int32Type.Default, true),
        new Field("readerFeatures", StringList, true),
        new Field("writerFeatures", StringList, true),
    ]);

    private static readonly StructType DomainMetadataType = new([
        new Field("domain", StringType.Default, true),
        new Field("configuration", StringType.Default, true),
        new Field("removed", BooleanType.Default, true),
    ]);

    private static readonly Apache.Arrow.Schema CheckpointSchema = new([
        new Field("txn", TxnType, true),
        new Field("add", AddType, true),
        new Field("remove", RemoveType, true),
        new Field("metaData", MetadataType, true),
        new Field("protocol", ProtocolType, true),
        new Field("domainMetadata", DomainMetadataType, true),
    ], null);

    public static Task WriteAsync(IReadOnlyList<DeltaAction> actions, string parquetPath, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var batch = new RecordBatch(CheckpointSchema, [
            Txn(actions.Select(a => a.Txn).ToList()),
            Add(actions.Select(a => a.Add).ToList()),
            Remove(actions.Select(a => a.Remove).ToList()),
            Metadata(actions.Select(a => a.Metadata).ToList()),
            Protocol(actions.Select(a => a.Protocol).ToList()),
            DomainMetadata(actions.Select(a => a.DomainMetadata).ToList()),
        ], actions.Count);
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).Build();
        using var writer = new FileWriter(parquetPath, CheckpointSchema, properties);
        writer.WriteRecordBatch(batch);
        writer.Close();
        return Task.CompletedTask;
    }

    private static StructArray Txn(IReadOnlyList<TransactionAction?> rows) => Struct(TxnType, rows,
        Strings(rows, r => r.AppId), Longs(rows, r => r.Version), Longs(rows, r => r.LastUpdated));

    private static StructArray Add(IReadOnlyList<AddFile?> rows) => Struct(AddType, rows,
        Strings(rows, r => r.Path), Map(rows, r => r.PartitionValues), Longs(rows, r => r.Size), Longs(rows, r => r.ModificationTime),
        Booleans(rows, r => r.DataChange), Strings(rows, r => r.Stats), Map(rows, r => r.Tags),
        DeletionVector(rows.Select(r => r?.DeletionVector).ToList()), Longs(rows, r => r.BaseRowId), Longs(rows, r => r.DefaultRowCommitVersion));

    private static StructArray Remove(IReadOnlyList<RemoveFile?> rows) => Struct(RemoveType, rows,
        Strings(rows, r => r.Path), Longs(rows, r => r.DeletionTimestamp), Booleans(rows, r => r.DataChange),
        Booleans(rows, r => r.ExtendedFileMetadata), Map(rows, r => r.PartitionValues), Longs(rows, r => r.Size),
        DeletionVector(rows.Select(r => r?.DeletionVector).ToList()), Longs(rows, r => r.BaseRowId), Longs(rows, r => r.DefaultRowCommitVersion));

    private static StructArray DeletionVector(IReadOnlyList<DeletionVectorDescriptor?> rows) => Struct(DeletionVectorType, rows,
        Strings(rows, r => r.StorageType), Strings(rows, r => r.PathOrInlineDv), Ints(rows, r => r.Offset), Ints(rows, r => r.SizeInBytes),
        Longs(rows, r => r.Cardinality), Longs(rows, r => r.MaxRowIndex));

    private static StructArray Metadata(IReadOnlyList<MetadataAction?> rows)
    {
        var formats = rows.Select(r => r?.Format).ToList();
        return Struct(MetadataType, rows,
            Strings(rows, r => r.Id), Strings(rows, r => r.Name), Strings(rows, r => r.Description),
            Struct(FormatType, formats, Strings(formats, f => f.Provider), Map(formats, f => f.Options)),
            Strings(rows, r => r.SchemaString), List(rows, r => r.PartitionColumns), Map(rows, r => r.Configuration), Longs(rows, r => r.CreatedTime));
    }

    private static StructArray Protocol(IReadOnlyList<ProtocolAction?> rows) => Struct(ProtocolType, rows,
        Ints(rows, r => r.MinReaderVersion), Ints(rows, r => r.MinWriterVersion), List(rows, r => r.ReaderFeatures), List(rows, r => r.WriterFeatures));

    private static StructArray DomainMetadata(IReadOnlyList<DomainMetadataAction?> rows) => Struct(DomainMetadataType, rows,
        Strings(rows, r => r.Domain), Strings(rows, r => r.Configuration), Booleans(rows, r => r.Removed));

    /// <summary>A struct column whose row i is null when <paramref name="rows"/>[i] is (its children hold nulls there too).</summary>
    private static StructArray Struct<T>(StructType type, IReadOnlyList<T?> rows, params IArrowArray[] children)
        where T : class
    {
        var (validity, nulls) = Validity(rows);
        return new StructArray(type, rows.Count, children, validity, nulls);
    }

    /// <summary>The validity bitmap of a nested column whose row i is null when <paramref name="rows"/>[i] is, and its null count.</summary>
    private static (ArrowBuffer Bitmap, int Nulls) Validity<T>(IReadOnlyList<T?> rows)
        where T : class
    {
        var bitmap = new ArrowBuffer.BitmapBuilder(rows.Count);
        foreach (var row in rows)
        {
            bitmap.Append(row is not null);
        }

        return (bitmap.Build(), bitmap.UnsetBitCount);
    }

    private static StringArray Strings<T>(IReadOnlyList<T?> rows, Func<T, string?> value)
        where T : class
    {
        var builder = new StringArray.Builder();
        foreach (var row in rows)
        {
            if (row is not null && value(row) is { } text)
            {
                builder.Append(text);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    private static Int64Array Longs<T>(IReadOnlyList<T?> rows, Func<T, long?> value)
        where T : class
    {
        var builder = new Int64Array.Builder();
        foreach (var row in rows)
        {
            builder.Append(row is null ? null : value(row));
        }

        return builder.Build();
    }

    private static Int32Array Ints<T>(IReadOnlyList<T?> rows, Func<T, int?> value)
        where T : class
    {
        var builder = new Int32Array.Builder();
        foreach (var row in rows)
        {
            builder.Append(row is null ? null : value(row));
        }

        return builder.Build();
    }

    private static BooleanArray Booleans<T>(IReadOnlyList<T?> rows, Func<T, bool?> value)
        where T : class
    {
        var builder = new BooleanArray.Builder();
        foreach (var row in rows)
        {
            if (row is not null && value(row) is { } flag)
            {
                builder.Append(flag);
            }
            else
            {
                builder.AppendNull();
            }
        }

        return builder.Build();
    }

    private static MapArray Map<T>(IReadOnlyList<T?> rows, Func<T, IReadOnlyDictionary<string, string?>?> value)
        where T : class
    {
        var maps = rows.Select(r => r is null ? null : value(r)).ToList();
        var offsets = new ArrowBuffer.Builder<int>(maps.Count + 1).Append(0);
        var keys = new StringArray.Builder();
        var values = new StringArray.Builder();
        foreach (var map in maps)
        {
            foreach (var (key, entry) in map ?? new Dictionary<string, string?>())
            {
                keys.Append(key);
                values.Append(entry);
            }

            offsets.Append(keys.Length);
        }

        var entries = new StructArray(new StructType([StringMap.KeyField, StringMap.ValueField]), keys.Length,
            [keys.Build(), values.Build()], ArrowBuffer.Empty, 0);
        var (validity, nulls) = Validity(maps);
        return new MapArray(StringMap, maps.Count, offsets.Build(), entries, validity, nulls);
    }

    private static ListArray List<T>(IReadOnlyList<T?> rows, Func<T, IReadOnlyList<string>?> value)
        where T : class
    {
        var lists = rows.Select(r => r is null ? null : value(r)).ToList();
        var offsets = new ArrowBuffer.Builder<int>(lists.Count + 1).Append(0);
        var elements = new StringArray.Builder();
        foreach (var list in lists)
        {
            foreach (var element in list ?? [])
            {
                elements.Append(element);
            }

            offsets.Append(elements.Length);
        }

        var (validity, nulls) = Validity(lists);
        return new ListArray(StringList, lists.Count, offsets.Build(), elements.Build(), validity, nulls);
    }
}
