using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;

namespace ClickBatch.Delta.Inspection;

/// <summary>Builds a <see cref="TableDescription"/> from a snapshot; the CLI and the conformance test share it.</summary>
public static class TableDescriber
{
    public static Task<TableDescription> DescribeAsync(DeltaLog log, long? version, bool exactRows, CancellationToken cancellationToken) =>
        DescribeAsync(log, version, exactRows, checkFiles: false, cancellationToken);

    /// <param name="log">The table's log.</param>
    /// <param name="version">The version to describe, or null for the latest.</param>
    /// <param name="exactRows">Count rows of files without stats from their Parquet footers.</param>
    /// <param name="checkFiles">List the store to find active files that are missing or have another size (<see cref="DataFileCheck"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static async Task<TableDescription> DescribeAsync(
        DeltaLog log, long? version, bool exactRows, bool checkFiles, CancellationToken cancellationToken)
    {
        var snapshot = await log.GetSnapshotAsync(version, cancellationToken);
        var description = Describe(snapshot);
        if (checkFiles)
        {
            description = description with { Check = await DataFileCheck.RunAsync(log.Store, snapshot, cancellationToken) };
        }

        return exactRows
            ? description with { RowsExact = await CountExactRowsAsync(log, snapshot, cancellationToken) }
            : description;
    }

    public static TableDescription Describe(Snapshot snapshot) => new()
    {
        Version = snapshot.Version,
        MinReaderVersion = snapshot.Protocol.MinReaderVersion,
        MinWriterVersion = snapshot.Protocol.MinWriterVersion,
        ReaderFeatures = snapshot.Protocol.MinReaderVersion >= 3 ? snapshot.Protocol.ReaderFeatures ?? [] : null,
        WriterFeatures = snapshot.Protocol.MinWriterVersion >= 7 ? snapshot.Protocol.WriterFeatures ?? [] : null,
        PartitionColumns = snapshot.PartitionColumns,
        Schema = snapshot.Schema.Fields.Select(f => new ColumnDescription(f.Name, f.Type.ToTypeString(), f.Nullable)).ToList(),
        ActiveFiles = snapshot.ActiveFiles.Count,
        Rows = StatsRows(snapshot.ActiveFiles),
        SizeBytes = snapshot.ActiveFiles.Sum(f => f.Size),
        Transactions = snapshot.AppTransactions,
        CheckpointVersion = snapshot.CheckpointVersion,
    };

    /// <summary>Sum of numRecords minus DV cardinalities; null when any active file lacks numRecords.</summary>
    public static long? StatsRows(IReadOnlyList<AddFile> files)
    {
        long total = 0;
        foreach (var file in files)
        {
            if (FileStatistics.Parse(file.Stats)?.NumRecords is not { } records)
            {
                return null;
            }

            total += records - (file.DeletionVector?.Cardinality ?? 0);
        }

        return total;
    }

    private static async Task<long> CountExactRowsAsync(DeltaLog log, Snapshot snapshot, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var file in snapshot.ActiveFiles)
        {
            var records = FileStatistics.Parse(file.Stats)?.NumRecords
                ?? await ParquetFooter.ReadRowCountAsync(log.Store, DataFilePath.ToKey(log.Table, file.Path), cancellationToken);
            total += records - (file.DeletionVector?.Cardinality ?? 0);
        }

        return total;
    }
}
