using System.Globalization;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Catalog.Redshift;
using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.Decoding;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Errors;
using ClickBatch.Jobs.Run;
using ClickBatch.Kafka;
using ClickBatch.Landing;
using ClickBatch.Ledger;
using ClickBatch.Parquet;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Jobs.Run;

/// <summary>
/// The Redshift Spectrum check at the end of a run (issue 5), over a fake source, an in-memory Glue catalog and a
/// fake Redshift Data API that answers counts with what the test says Spectrum sees.
/// </summary>
public sealed class RunJobSpectrumCheckTests : IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/spectrum";
    private const string DayA = "2024-01-05";
    private const string DayB = "2024-01-06";
    private static readonly KafkaPartition Clicks0 = new("clicks", 0);

    /// <summary>The rejects table's partition: the UTC day of the fake source's Kafka timestamps (1.7e12 ms + offset).</summary>
    private static readonly string RejectDay = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private readonly TempDirectory _dir = new();
    private readonly FakeGlueCatalog _glue = new();
    private readonly FakeSpectrum _spectrum = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ExecuteAsync_SpectrumMissesRowsOfOnePartition_ReportsExactlyThatPartitionAgainstTheWholeSnapshot()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA), Click(1, DayA), "not json"]);
        _spectrum.Rows[("clicks", DayA)] = 2;
        _spectrum.Rows[("clicks_rejects", RejectDay)] = 1;
        var first = await RunAsync(source);
        source.WithPayloads("clicks", 0, [Click(0, DayA), Click(1, DayA), "not json", Click(3, DayA), Click(4, DayB), Click(5, DayB)]);
        _spectrum.Rows[("clicks", DayA)] = 3;
        _spectrum.Rows[("clicks", DayB)] = 1;
        _spectrum.Statements.Clear();
        (int GluePartitions, long? GroupOffset)? whenCounting = null;
        _spectrum.OnStatement = sql => whenCounting ??= sql.StartsWith("SELECT", StringComparison.Ordinal)
            ? (_glue.PartitionsOf("clicks").Count, source.GroupOffsets["g"].GetValueOrDefault(Clicks0)) : null;

        var second = await RunAsync(source);

        first.Status.ShouldBe(RunStatus.Succeeded);
        first.SpectrumCheck.ShouldNotBeNull().Passed.ShouldBeTrue();
        (first.SpectrumCheck.Partitions, first.SpectrumCheck.CheckedPartitions).ShouldBe((2, 2));
        second.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        second.ExitCode.ShouldBe(ExitCodes.CatalogCheckFailed);
        var check = second.SpectrumCheck.ShouldNotBeNull();
        (check.Partitions, check.CheckedPartitions, check.Error).ShouldBe((2, 2, null));
        var mismatch = check.Mismatches.ShouldHaveSingleItem();
        (mismatch.Table, mismatch.Partition["dt"], mismatch.Expected, mismatch.Actual).ShouldBe(("clicks", DayB, 2L, 1L));
        _spectrum.Statements.Count(s => s.Sql.StartsWith("CREATE EXTERNAL SCHEMA", StringComparison.Ordinal)).ShouldBe(1);
        _spectrum.Statements.Where(IsCount).Select(s => s.Parameters["p0"]).ShouldBe([DayA, DayB], ignoreOrder: true);
        whenCounting.ShouldBe((2, 3L));
        (await TxnAsync("clicks")).ShouldBe(6);
        source.GroupOffsets["g"][Clicks0].ShouldBe(6);
        second.Error.ShouldNotBeNull().ShouldContain("clickbatch register");
        RunSummaryPrinter.Summary(second).ShouldContain("clicks dt=" + DayB + ": Delta 2 rows, Spectrum 1");
    }

    [Fact]
    public async Task ExecuteAsync_SpectrumSeesEveryRow_SucceedsAfterOneSchemaStatementWithTheGlueDatabaseAndRole()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA), Click(1, DayB), "not json"]);
        _spectrum.Rows[("clicks", DayA)] = 1;
        _spectrum.Rows[("clicks", DayB)] = 1;
        _spectrum.Rows[("clicks_rejects", RejectDay)] = 1;

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.Succeeded);
        report.ExitCode.ShouldBe(ExitCodes.Success);
        report.SpectrumCheck.ShouldNotBeNull().Mismatches.ShouldBeEmpty();
        report.SpectrumCheck.CheckedPartitions.ShouldBe(3);
        var ddl = _spectrum.Statements.Where(s => s.Sql.StartsWith("CREATE", StringComparison.Ordinal)).ShouldHaveSingleItem();
        ddl.Sql.ShouldBe("CREATE EXTERNAL SCHEMA IF NOT EXISTS \"spectrum\" FROM DATA CATALOG DATABASE 'clickbatch_db' IAM_ROLE '" + Role + "'");
        (ddl.Body.GetProperty("WorkgroupName").GetString(), ddl.Body.GetProperty("Database").GetString()).ShouldBe(("analytics", "dev"));
        _spectrum.Statements.Where(IsCount).Select(s => s.Sql).ShouldBe(
        [
            "SELECT COUNT(*) FROM \"spectrum\".\"clicks\" WHERE \"dt\" = :p0",
            "SELECT COUNT(*) FROM \"spectrum\".\"clicks\" WHERE \"dt\" = :p0",
            "SELECT COUNT(*) FROM \"spectrum\".\"clicks_rejects\" WHERE \"dt\" = :p0",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task ExecuteAsync_CountStatementFails_ReportsTheErrorYetCommitsDataAndGroupOffsets()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA), Click(1, DayB)]);
        _spectrum.Fail = sql => sql.Contains("FROM \"spectrum\"", StringComparison.Ordinal) ? "ERROR: Spectrum Scan Error: manifest is missing" : null;

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        report.ExitCode.ShouldBe(ExitCodes.CatalogCheckFailed);
        var check = report.SpectrumCheck.ShouldNotBeNull();
        (check.Partitions, check.CheckedPartitions).ShouldBe((2, 0));
        check.Error.ShouldNotBeNull().ShouldContain("Spectrum Scan Error: manifest is missing");
        (await TxnAsync("clicks")).ShouldBe(2);
        source.GroupOffsets["g"][Clicks0].ShouldBe(2);
        var ledger = await new RunLedger(new LocalObjectStore(Lake)).ReadLatestAsync(1, "run", CancellationToken.None);
        ledger.Single().SpectrumCheck.ShouldNotBeNull().Error.ShouldBe(check.Error);
    }

    [Fact]
    public async Task ExecuteAsync_SchemaStatementNeverFinishes_CancelsItReportsTheTimeoutAndCommitsGroupOffsets()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA)]);
        _spectrum.Hang = sql => sql.StartsWith("CREATE", StringComparison.Ordinal);

        var report = await RunAsync(source, TimeSpan.FromMilliseconds(50));

        report.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        report.ExitCode.ShouldBe(ExitCodes.CatalogCheckFailed);
        report.SpectrumCheck.ShouldNotBeNull().Error.ShouldNotBeNull().ShouldContain("did not finish within");
        _spectrum.Operations.ShouldContain("CancelStatement");
        _spectrum.Statements.ShouldHaveSingleItem();
        (await TxnAsync("clicks")).ShouldBe(1);
        source.GroupOffsets["g"][Clicks0].ShouldBe(1);
        RunSummaryPrinter.Summary(report).ShouldContain("COULD NOT FINISH");
    }

    [Fact]
    public async Task ExecuteAsync_SchemaExistsOverAnotherGlueDatabase_ReportsItAndCountsNothing()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA)]);
        _spectrum.Rows[("clicks", DayA)] = 1;
        _spectrum.ExternalSchemaDatabase = "someone_elses_db";

        var report = await RunAsync(source);

        report.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        report.SpectrumCheck.ShouldNotBeNull().Error.ShouldNotBeNull().ShouldContain("does not read Glue database clickbatch_db");
        var svv = _spectrum.Statements.Where(s => s.Sql.Contains("svv_external_schemas", StringComparison.Ordinal)).ShouldHaveSingleItem();
        (svv.Parameters["schema"], svv.Parameters["database"]).ShouldBe(("spectrum", "clickbatch_db"));
        _spectrum.Statements.Where(IsCount).ShouldBeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_SignalDuringTheCheck_InterruptedWithThePartialCheckAndGroupOffsetsCommitted()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA), Click(1, DayB)]);
        using var stop = new CancellationTokenSource();
        _spectrum.OnStatement = sql => { if (sql.Contains("FROM \"spectrum\"", StringComparison.Ordinal)) { stop.Cancel(); } };

        var report = await RunAsync(source, stop: stop.Token);

        report.Status.ShouldBe(RunStatus.Interrupted);
        report.ExitCode.ShouldBe(ExitCodes.Interrupted);
        report.SpectrumCheck.ShouldNotBeNull().Error.ShouldNotBeNull().ShouldContain("interrupted by signal");
        _spectrum.Statements.Count(IsCount).ShouldBe(1);
        (await TxnAsync("clicks")).ShouldBe(2);
        source.GroupOffsets["g"][Clicks0].ShouldBe(2);
    }

    [Fact]
    public async Task ExecuteAsync_NothingNew_SendsNoStatementAndSucceeds()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, DayA)]);
        _spectrum.Rows[("clicks", DayA)] = 1;
        await RunAsync(source);
        _spectrum.Statements.Clear();

        var again = await RunAsync(source);

        again.Status.ShouldBe(RunStatus.Succeeded);
        again.SpectrumCheck.ShouldNotBeNull().Partitions.ShouldBe(0);
        _spectrum.Statements.ShouldBeEmpty();
    }

    private string Lake => _dir.Sub("lake");

    private static bool IsCount((string Sql, Dictionary<string, string> Parameters, System.Text.Json.JsonElement Body) statement) =>
        statement.Sql.StartsWith("SELECT COUNT(*) FROM \"spectrum\".", StringComparison.Ordinal);

    private static string Click(int i, string day) =>
        "{\"click_id\":\"c" + i + "\",\"user_id\":" + i + ",\"product_id\":\"p\",\"datetime_occured\":\"" + day + "T10:00:00Z\"}";

    private RunSettings Settings(TimeSpan timeout) => new()
    {
        JobId = "job",
        LakeUri = Lake,
        Kafka = new KafkaSettings { BootstrapServers = "fake:9092" },
        Source = new KafkaSourceOptions { GroupId = "g" },
        Topics = [new TopicSettings(BuiltInSchemas.Clicks, PartitionMode.EventDate, Lake + "/clicks", Lake + "/clicks_rejects")],
        MaxRejectRatio = 1,
        Files = new FileWriterOptions(),
        StagingDirectory = _dir.Sub("staging"),
        GlueDatabase = "clickbatch_db",
        RedshiftCheck = new RedshiftCheckSettings
        {
            Target = new RedshiftTarget { Database = "dev", WorkgroupName = "analytics" },
            IamRoleArn = Role,
            ExternalSchema = "spectrum",
            StatementTimeout = timeout,
        },
    };

    private Task<RunReport> RunAsync(FakeKafkaSource source, TimeSpan? timeout = null, CancellationToken stop = default)
    {
        var client = new RedshiftDataClient(AwsTestClients.Json(_spectrum.Handler, AwsService.RedshiftData), TimeProvider.System,
            new RedshiftPollOptions { PollInterval = TimeSpan.FromMilliseconds(10) });
        var job = new RunJob(Settings(timeout ?? TimeSpan.FromSeconds(30)), () => new NonDisposingSource(source), NullLoggerFactory.Instance, TimeProvider.System,
            catalog: new GlueCatalogSync(_glue, "clickbatch_db", NullLogger.Instance))
        {
            Redshift = client,
        };
        return job.ExecuteAsync(stop);
    }

    private async Task<long?> TxnAsync(string table) =>
        (await new DeltaLog(new LocalObjectStore(Lake + "/" + table)).GetSnapshotAsync(null, CancellationToken.None)).GetTransactionVersion("job/clicks/0");
}
