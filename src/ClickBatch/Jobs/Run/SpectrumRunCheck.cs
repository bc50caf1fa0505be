using ClickBatch.Catalog.Glue;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Configuration;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Inspection;
using ClickBatch.Errors;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using Microsoft.Extensions.Logging;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// The optional last catalog step of a run (issue 5: data files, Delta commit, manifests, Glue, Redshift check,
/// group offsets): ensures the external schema once, then counts in Spectrum every partition the run added files
/// to and compares with the rows the Delta snapshot holds there (all active files: earlier runs' rows count too).
/// A Redshift or AWS failure is reported, never thrown: the data is committed whatever the check finds.
/// </summary>
internal sealed class SpectrumRunCheck(IRedshiftData redshift, RedshiftCheckSettings settings, string glueDatabase, ILogger logger)
{
    public async Task<SpectrumCheckReport> RunAsync(IReadOnlyList<TableTarget> tables, CancellationToken cancellationToken)
    {
        var report = new SpectrumCheckReport { ExternalSchema = settings.ExternalSchema };
        List<SpectrumExpectation> expectations;
        try
        {
            expectations = await ExpectationsAsync(tables, cancellationToken);
        }
        catch (Exception ex) when (IsCheckFailure(ex))
        {
            SpectrumCheckLog.Failed(logger, ex, "reading the Delta snapshots", 0, 0);
            return report with { Error = "reading the Delta snapshots: " + Reason(ex, cancellationToken) };
        }

        if (expectations.Count == 0)
        {
            return report;
        }

        SpectrumCheckLog.Started(logger, expectations.Count, settings.ExternalSchema, glueDatabase);
        var mismatches = new List<SpectrumPartitionMismatch>();
        var counted = new List<SpectrumExpectation>();
        var error = await CountAllAsync(expectations, counted, mismatches, cancellationToken);
        SpectrumCheckLog.Ended(logger, counted.Count, mismatches.Count);
        return report with { Partitions = expectations.Count, CheckedPartitions = counted.Count, Mismatches = mismatches, Error = error };
    }

    /// <summary>The message a run that ends with this check's failure carries (null when it passed).</summary>
    public static string? Outcome(SpectrumCheckReport check)
    {
        const string Next = " The data is committed; run `clickbatch register` to rebuild the manifests and Glue partitions, "
            + "then investigate (run report: spectrumCheck).";
        if (check.Error is not null)
        {
            return "Redshift Spectrum check could not finish after " + check.CheckedPartitions + " of " + check.Partitions
                + " partition(s): " + check.Error + Next;
        }

        return check.Mismatches.Count == 0
            ? null
            : "Redshift Spectrum counts differ from the Delta tables in " + check.Mismatches.Count + " of " + check.Partitions + " partition(s) ("
              + string.Join("; ", check.Mismatches.Take(3).Select(m => m.Table + " " + Describe(m.Partition) + ": Delta " + m.Expected + ", Spectrum " + m.Actual))
              + (check.Mismatches.Count > 3 ? "; ..." : string.Empty) + ")." + Next;
    }

    /// <summary><c>dt=2026-11-22</c>, columns joined by <c>/</c>, NULL for the null partition, <c>(table)</c> when unpartitioned.</summary>
    public static string Describe(IReadOnlyDictionary<string, string?> partition) =>
        partition.Count == 0 ? "(table)" : string.Join("/", partition.Select(p => p.Key + "=" + (string.IsNullOrEmpty(p.Value) ? "NULL" : p.Value)));

    private async Task<string?> CountAllAsync(
        List<SpectrumExpectation> expectations, List<SpectrumExpectation> counted, List<SpectrumPartitionMismatch> mismatches, CancellationToken cancellationToken)
    {
        var checker = new SpectrumChecker(redshift, settings.Target, settings.StatementTimeout);
        var step = "CREATE EXTERNAL SCHEMA " + settings.ExternalSchema;
        try
        {
            await EnsureSchemaAsync(checker, cancellationToken);
            foreach (var expected in expectations)
            {
                step = "counting " + expected.Table + " " + Describe(expected.Partition);
                var actual = await checker.CountAsync(settings.ExternalSchema, expected.Table, expected.Partition, cancellationToken);
                counted.Add(expected);
                if (actual != expected.ExpectedRows)
                {
                    SpectrumCheckLog.Mismatch(logger, expected.Table, Describe(expected.Partition), expected.ExpectedRows, actual);
                    mismatches.Add(new SpectrumPartitionMismatch(expected.Table, expected.Partition, expected.ExpectedRows, actual));
                }
            }

            return null;
        }
        catch (Exception ex) when (IsCheckFailure(ex))
        {
            SpectrumCheckLog.Failed(logger, ex, step, counted.Count, expectations.Count);
            return step + ": " + Reason(ex, cancellationToken);
        }
    }

    private async Task EnsureSchemaAsync(SpectrumChecker checker, CancellationToken cancellationToken)
    {
        await checker.EnsureExternalSchemaAsync(settings.ExternalSchema, glueDatabase, settings.IamRoleArn, cancellationToken);
        if (!await checker.ReadsGlueDatabaseAsync(settings.ExternalSchema, glueDatabase, cancellationToken))
        {
            throw new ClickBatchException("external schema " + settings.ExternalSchema + " already exists but does not read Glue database "
                + glueDatabase + " (svv_external_schemas); drop it in Redshift or choose another --redshift-schema.");
        }
    }

    /// <summary>What AWS calls end in after their retries (AwsResilience), and a signal or an HTTP timeout.</summary>
    private static bool IsCheckFailure(Exception ex) =>
        ex is ClickBatchException or HttpRequestException or IOException or OperationCanceledException;

    private static string Reason(Exception ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? "interrupted by signal" : ex.Message;

    /// <summary>Per touched partition, the rows the snapshot holds there: numRecords of its active files (the Parquet footer when a file has no stats).</summary>
    private static async Task<List<SpectrumExpectation>> ExpectationsAsync(IReadOnlyList<TableTarget> tables, CancellationToken cancellationToken)
    {
        var expectations = new List<SpectrumExpectation>();
        foreach (var table in tables)
        {
            expectations.AddRange(await ExpectationsAsync(table, cancellationToken));
        }

        return expectations;
    }

    private static async Task<List<SpectrumExpectation>> ExpectationsAsync(TableTarget table, CancellationToken cancellationToken)
    {
        var snapshot = table.Snapshot;
        var files = snapshot.ActiveFiles.ToLookup(f => PartitionPath.Build(snapshot.PartitionColumns, f.PartitionValues), StringComparer.Ordinal);
        var expectations = new List<SpectrumExpectation>();
        foreach (var partition in table.TouchedPartitions)
        {
            long rows = 0;
            foreach (var file in files[PartitionPath.Build(snapshot.PartitionColumns, partition)])
            {
                rows += await RowsAsync(table, file, cancellationToken);
            }

            expectations.Add(new SpectrumExpectation(GlueNames.Table(table.Name), partition, rows));
        }

        return expectations;
    }

    private static async Task<long> RowsAsync(TableTarget table, AddFile file, CancellationToken cancellationToken)
    {
        var records = FileStatistics.Parse(file.Stats)?.NumRecords
            ?? await ParquetFooter.ReadRowCountAsync(table.Store, DataFilePath.ToKey(table.Uri, file.Path), cancellationToken);
        return records - (file.DeletionVector?.Cardinality ?? 0);
    }
}
