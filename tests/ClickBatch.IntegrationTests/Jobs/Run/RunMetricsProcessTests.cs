using System.Text.Json;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.TestFormats;

namespace ClickBatch.IntegrationTests.Jobs.Run;

/// <summary>
/// Issue 18, as a user runs it: <c>clickbatch run --metrics-file</c> with its logs redirected (JSON lines, as on ECS) leaves
/// CloudWatch EMF lines among its logs and a Prometheus text file; both parse to the records Kafka holds.
/// </summary>
public sealed class RunMetricsProcessTests(LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task RunCommand_JsonLogsAndMetricsFile_EmfLinesAndPrometheusFileCountWhatKafkaHolds()
    {
        using var harness = new RunHarness(kafka, partitions: 3);
        await harness.ProduceAsync(clicks: 3_000);
        var config = await harness.WriteCliConfigAsync(harness.Staging);
        var metricsFile = Path.Combine(harness.Staging, "clickbatch.prom");
        using var run = ClickBatchProcess.Start("run", "--config", config, "--bootstrap-servers", harness.BootstrapServers, "--lake", harness.Lake,
            "--job-id", "metrics", "--max-reject-ratio", "0.5", "--staging-dir", harness.Staging + "-run", "--metrics-file", metricsFile);

        (await run.WaitForExitAsync(TimeSpan.FromSeconds(120))).ShouldBe(ExitCodes.Success, await run.StandardError);

        var inKafka = harness.OffsetsInKafka(harness.Clicks).Count + harness.OffsetsInKafka(harness.Checkouts).Count;
        var emf = (await run.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("\"_aws\"", StringComparison.Ordinal)).ToList();
        emf.Count.ShouldBe(3, "one line for the run, one per topic");
        emf.ShouldAllBe(line => EmfSpec.Problems(line).Count == 0, string.Join("; ", emf.SelectMany(EmfSpec.Problems)));
        using var runLine = JsonDocument.Parse(emf[0]);
        runLine.RootElement.GetProperty("Records").GetInt64().ShouldBe(inKafka);
        runLine.RootElement.GetProperty("Succeeded").GetInt64().ShouldBe(1);
        runLine.RootElement.GetProperty("LagAtStart").GetInt64().ShouldBe(inKafka);
        runLine.RootElement.GetProperty("LagAtEnd").GetInt64().ShouldBe(0);
        var series = PrometheusText.Parse(await File.ReadAllTextAsync(metricsFile));
        series.Where(s => s.Key.StartsWith("clickbatch_last_run_records{", StringComparison.Ordinal)).Sum(s => s.Value).ShouldBe(inKafka);
        series.Where(s => s.Key.StartsWith("clickbatch_last_run_records{", StringComparison.Ordinal)).Count().ShouldBe(6, "3 partitions of 2 topics");
        series["clickbatch_last_run_success{job_id=\"metrics\"}"].ShouldBe(1);
        series.Keys.ShouldContain("clickbatch_last_success_timestamp_seconds{job_id=\"metrics\"}");
    }
}
