using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;

namespace ClickBatch.Landing;

/// <summary>
/// Issue 17, additive evolution (docs/schema-evolution.md): a configured schema that only adds nullable fields (at the end
/// or anywhere) widens the table; old files read the new columns as null (Parquet is read by column name). Every other
/// difference is refused with what differs and what to do: a removed or renamed field, a changed type (type widening
/// is not offered yet), a field that became required or stopped being required, reordered fields, other partitioning.
/// </summary>
internal static class SchemaEvolution
{
    /// <summary>Null when the table already has the configured schema; the widened schema to commit when it only adds fields.</summary>
    /// <exception cref="ConfigurationException">Every difference that is not an added nullable field.</exception>
    public static StructType? Widen(Snapshot snapshot, TableDefinition definition)
    {
        var table = snapshot.Schema;
        var wanted = definition.Schema;
        if (table.Equals(wanted) && snapshot.PartitionColumns.SequenceEqual(definition.PartitionColumns, StringComparer.Ordinal))
        {
            return null;
        }

        var problems = Problems(snapshot, definition).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(
                $"table {snapshot.Table} has schema {table.ToTypeString()} partitioned by [{string.Join(", ", snapshot.PartitionColumns)}], "
                + $"but the topic's configured schema gives {wanted.ToTypeString()} partitioned by [{string.Join(", ", definition.PartitionColumns)}]. "
                + "Expected them to match, or the configured schema to only add nullable fields: " + string.Join("; ", problems)
                + ". Restore the previous schema for these fields, or land the new one in a new table (Topics[].Table); docs/schema-evolution.md.");
        }

        return wanted;
    }

    private static IEnumerable<string> Problems(Snapshot snapshot, TableDefinition definition)
    {
        var table = snapshot.Schema;
        var wanted = definition.Schema;
        if (!snapshot.PartitionColumns.SequenceEqual(definition.PartitionColumns, StringComparer.Ordinal))
        {
            yield return "the partition columns differ (a new partitioning needs a new table)";
        }

        foreach (var field in table.Fields)
        {
            var configured = wanted.Find(field.Name);
            if (configured is null)
            {
                yield return $"field '{field.Name}' is gone (removed or renamed: old files still hold it, and a rename would lose its history)";
            }
            else if (configured.Type != field.Type)
            {
                yield return $"field '{field.Name}' changes type from {field.Type.ToTypeString()} to {configured.Type.ToTypeString()} "
                    + "(type changes are not supported: add a new field instead)";
            }
            else if (configured.Nullable != field.Nullable)
            {
                yield return configured.Nullable
                    ? $"field '{field.Name}' stops being required (not supported yet)"
                    : $"field '{field.Name}' becomes required (old rows may hold nulls)";
            }
        }

        foreach (var field in wanted.Fields.Where(f => table.Find(f.Name) is null && !f.Nullable))
        {
            yield return $"new field '{field.Name}' is required (old rows have no value: add it as nullable)";
        }

        var kept = wanted.Fields.Select(f => f.Name).Where(n => table.Find(n) is not null).ToList();
        if (!kept.SequenceEqual(table.Fields.Select(f => f.Name).Where(n => wanted.Find(n) is not null), StringComparer.Ordinal))
        {
            yield return "the existing fields are in another order (add fields anywhere, but keep the others' order)";
        }

        if (DeltaTable.ProtocolFor(wanted).MinWriterVersion > snapshot.Protocol.MinWriterVersion)
        {
            yield return "a new field needs the timestampNtz table feature, which this table's protocol lacks";
        }
    }
}
