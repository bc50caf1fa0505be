using System.Text.Json;
using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Ledger;
using Confluent.Kafka;

namespace ClickBatch.IntegrationTests.Cli;

/// <summary>
/// <c>clickbatch run</c> with the Redshift Spectrum check, wired as in production: local Kafka, moto's Glue, and a
/// fake Redshift Data API (moto's never finishes a statement) reached through AWS_ENDPOINT_URL_REDSHIFT_DATA, which
/// counts partitions the way Spectrum does: Glue partition location, manifest, the files it lists (read by DuckDB).
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class RunVerbSpectrumCheckTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>, IDisposable
{
    private const string Role = "arn:aws:iam::123456789012:role/clickbatch-spectrum";
    private const string ClicksSchema = "click_id:string!,user_id:int!,product_id:string!,product:string,price:double,url:string,"
        + "user_agent:string,ip_address:string,datetime_occured:timestamp!";

    private readonly RunHarness _harness = new(kafka, partitions: 2);
    private readonly string _database = MotoServerFixture.UniqueName("spectrum");
    private readonly string _jobId = "it-" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Run_SpectrumMissesARejectRow_Exit6NamingOnlyThatPartitionAfterEverythingWasCommitted()
    {
        await _harness.ProduceAsync(clicks: 300);
        var rejects = GlueNames.Table(_harness.Clicks + "_rejects");
        await using var spectrum = new FakeSpectrumServer(Glue()) { Lie = (table, _, count) => table == rejects ? count - 1 : count };

        var (exit, report) = await RunAsync(spectrum);

        exit.ShouldBe(ExitCodes.CatalogCheckFailed);
        report.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        var check = report.SpectrumCheck.ShouldNotBeNull();
        var lied = spectrum.Counted.Where(c => c.Table == rejects).ShouldHaveSingleItem();
        var mismatch = check.Mismatches.ShouldHaveSingleItem();
        (mismatch.Table, mismatch.Partition["dt"], mismatch.Expected, mismatch.Actual).ShouldBe((rejects, lied.Partition, lied.Count, lied.Count - 1));
        var partitions = await DistinctDaysAsync(_harness.TableOf(_harness.Clicks)) + await DistinctDaysAsync(_harness.RejectsOf(_harness.Clicks));
        (check.Partitions, check.CheckedPartitions, spectrum.Counted.Count).ShouldBe((partitions, partitions, partitions));
        var ddl = spectrum.Statements.Where(s => s.Sql.StartsWith("CREATE", StringComparison.Ordinal)).ShouldHaveSingleItem();
        ddl.Sql.ShouldBe("CREATE EXTERNAL SCHEMA IF NOT EXISTS \"clickbatch\" FROM DATA CATALOG DATABASE '" + _database + "' IAM_ROLE '" + Role + "'");
        (ddl.Body.GetProperty("WorkgroupName").GetString(), ddl.Body.GetProperty("Database").GetString()).ShouldBe(("analytics", "dev"));
        spectrum.Statements.ShouldAllBe(s => s.Authorization.Contains("/us-east-1/redshift-data/aws4_request", StringComparison.Ordinal));
        await ShouldHaveCommittedEverythingAsync();
    }

    [Fact]
    public async Task Run_CountStatementsFail_Exit6WithTheRedshiftErrorAndDataAndGroupOffsetsCommitted()
    {
        await _harness.ProduceAsync(clicks: 200);
        await using var spectrum = new FakeSpectrumServer(Glue())
        {
            Fail = sql => sql.Contains("WHERE \"dt\"", StringComparison.Ordinal) ? "ERROR: permission denied for schema clickbatch" : null,
        };

        var (exit, report) = await RunAsync(spectrum);

        exit.ShouldBe(ExitCodes.CatalogCheckFailed);
        report.Status.ShouldBe(RunStatus.CatalogCheckFailed);
        report.SpectrumCheck.ShouldNotBeNull().Error.ShouldNotBeNull().ShouldContain("permission denied for schema clickbatch");
        report.SpectrumCheck.CheckedPartitions.ShouldBe(0);
        report.Error.ShouldNotBeNull().ShouldContain("clickbatch register");
        await ShouldHaveCommittedEverythingAsync();
    }

    private GlueClient Glue() => new(moto.CreateJsonClient(AwsService.Glue));

    private async Task<(int Exit, RunReport Report)> RunAsync(FakeSpectrumServer spectrum)
    {
        var config = Path.Combine(_harness.Lake + "-config.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Topics = new[] { new { Name = _harness.Clicks, Schema = ClicksSchema } },
            Run = new { MaxRejectRatio = 0.5 },
        }));
        var verb = new RunVerb
        {
            Config = config, BootstrapServers = kafka.BootstrapServers, Lake = _harness.Lake, JobId = _jobId, GlueDatabase = _database,
            RedshiftWorkgroup = "analytics", RedshiftDatabase = "dev", RedshiftIamRole = Role, Json = true,
        };
        var environment = new Dictionary<string, string>(moto.Environment) { ["AWS_ENDPOINT_URL_REDSHIFT_DATA"] = spectrum.Endpoint };
        var output = new StringWriter();
        var exit = await verb.RunAsync(new CliContext(output, new StringWriter(), TimeProvider.System, environment, IsInteractive: false), CancellationToken.None);
        return (exit, JsonSerializer.Deserialize<RunReport>(output.ToString(), RunLedger.JsonOptions)!);
    }

    /// <summary>Every Kafka record landed once, and the consumer group (the job id) holds the end offsets.</summary>
    private async Task ShouldHaveCommittedEverythingAsync()
    {
        var inKafka = _harness.OffsetsInKafka(_harness.Clicks);
        (await _harness.OffsetsInLakeAsync(_harness.Clicks)).ShouldBe(inKafka, ignoreOrder: true);
        using var consumer = kafka.CreateConsumer(_jobId);
        var committed = consumer.Committed(Enumerable.Range(0, _harness.Partitions).Select(p => new TopicPartition(_harness.Clicks, p)), TimeSpan.FromSeconds(10));
        foreach (var offset in committed)
        {
            offset.Offset.Value.ShouldBe(inKafka.Where(o => o.Partition == offset.Partition.Value).Max(o => o.Offset) + 1);
        }
    }

    private static async Task<int> DistinctDaysAsync(string table) =>
        Convert.ToInt32(await LakeReader.ScalarAsync(table, "SELECT count(DISTINCT dt) FROM t"), System.Globalization.CultureInfo.InvariantCulture);
}
