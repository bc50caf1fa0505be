using System.Text.Json;
using ClickBatch.Ledger;
using ClickBatch.Metrics;
using ClickBatch.TestFormats;

namespace ClickBatch.Tests.Metrics;

/// <summary>
/// Issue 18: the run's metrics parse as CloudWatch EMF (checked against the specification, not by string equality) and as
/// the Prometheus text format (a strict parser), and carry the figures of the run report: lag, rejects, data loss.
/// </summary>
public sealed class MetricsFormatTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 2, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// clicks: p0 drained 100..160 (60 records, 5 rejects); p1 lost 10..20 to retention with --allow-data-loss, then read
    /// 20..50 but committed only to 40 (a failed chunk); p2 was blocked by a gap 100..150 (not read, no --allow-data-loss);
    /// p3 lost 180..200, everything since the last run, with --allow-data-loss (an empty range at the end: nothing left). checkouts: p0 handed to another task after landing 0..7 of 0..9.
    /// </summary>
    private static RunReport Report(int exitCode = 1) => new()
    {
        RunId = "r1", JobId = "night \"job\"", Operation = "run", StartedAt = Start, EndedAt = Start.AddSeconds(90.5),
        Status = exitCode == 0 ? RunStatus.Succeeded : RunStatus.Failed, ExitCode = exitCode, TaskId = "t1",
        Topics =
        [
            new TopicReport
            {
                Topic = "clicks", Table = "l/clicks", RejectsTable = "l/clicks_rejects", Files = 3, Bytes = 4096, DeltaVersions = [4, 5], RejectsDeltaVersions = [2],
                Partitions =
                [
                    new PartitionReport { Partition = 0, EarliestOffset = 0, StartOffset = 100, EndOffset = 160, CommittedOffset = 160, Records = 60, Rows = 55, Rejects = 5 },
                    new PartitionReport
                    {
                        Partition = 1, EarliestOffset = 20, StartOffset = 20, EndOffset = 50, CommittedOffset = 40, Records = 30, Rows = 30,
                        DataLossGap = new OffsetGap(10, 20),
                    },
                    new PartitionReport { Partition = 2, EarliestOffset = 150, StartOffset = 100, EndOffset = 100, CommittedOffset = 100, DataLossGap = new OffsetGap(100, 150) },
                    new PartitionReport { Partition = 3, EarliestOffset = 200, StartOffset = 200, EndOffset = 200, CommittedOffset = 200, DataLossGap = new OffsetGap(180, 200) },
                ],
            },
            new TopicReport
            {
                Topic = "checkouts", Table = "l/checkouts", RejectsTable = "l/checkouts_rejects", Files = 1, Bytes = 100, DeltaVersions = [1],
                Partitions = [new PartitionReport { Partition = 0, EarliestOffset = 0, StartOffset = 0, EndOffset = 9, CommittedOffset = 7, Records = 7, Rows = 7, HandedOver = true }],
            },
        ],
    };

    [Fact]
    public void EmfWriter_ARun_WritesValidEmfLinesWithTheReportsFigures()
    {
        var lines = EmfWriter.Lines(RunMetrics.From(Report()));

        lines.Count.ShouldBe(3);
        lines.ShouldAllBe(line => EmfSpec.Problems(line).Count == 0, string.Join("; ", lines.SelectMany(EmfSpec.Problems)));
        using var run = JsonDocument.Parse(lines[0]);
        using var clicks = JsonDocument.Parse(lines[1]);
        using var checkouts = JsonDocument.Parse(lines[2]);
        Long(run, "ExitCode").ShouldBe(1);
        Long(run, "Succeeded").ShouldBe(0);
        run.RootElement.GetProperty("Duration").GetDouble().ShouldBe(90.5);
        run.RootElement.GetProperty("_aws").GetProperty("Timestamp").GetInt64().ShouldBe(Start.AddSeconds(90.5).ToUnixTimeMilliseconds());
        Long(run, "Records").ShouldBe(97);
        Long(run, "LagAtEnd").ShouldBe(60, "checkouts' handed-over partition adds nothing");
        Long(run, "Rejects").ShouldBe(5);
        Long(run, "Commits").ShouldBe(4);
        clicks.RootElement.GetProperty("Topic").GetString().ShouldBe("clicks");
        Long(clicks, "LagAtStart").ShouldBe(60 + 30 + 10 + 50 + 20, "p0's 60, p1's 30 after the gap and the 10 the gap took, p2's and p3's gaps");
        Long(clicks, "LagAtEnd").ShouldBe(10 + 50, "p1 committed 40 of 50; p2 was not read: at least its gap; p3 has nothing left");
        Long(clicks, "DataLossRecords").ShouldBe(80);
        Long(clicks, "DataLossGaps").ShouldBe(3);
        Long(clicks, "Bytes").ShouldBe(4096);
        Long(checkouts, "LagAtStart").ShouldBe(7, "a handed-over partition counts what this task landed");
        Long(checkouts, "LagAtEnd").ShouldBe(0, "its new holder reports the rest");
        clicks.RootElement.GetProperty("Partitions").EnumerateArray().Select(p => p.GetProperty("LagAtEnd").GetInt64()).ShouldBe([0L, 10L, 50L, 0L]);
        clicks.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Dimensions")[0].EnumerateArray()
            .Select(d => d.GetString()).ShouldBe(["JobId", "Topic"]);
    }

    [Theory]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["JobId"]],"Metrics":[{"Name":"Records","Unit":"Count"}]}]},"JobId":"j","Records":1}""", true)]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["JobId"]],"Metrics":[{"Name":"Records","Unit":"Count"}]}]},"JobId":3,"Records":1}""", false)]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"Records","Unit":"Records"}]}]},"Records":1}""", false)]
    [InlineData("""{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[[]],"Metrics":[{"Name":"Records"}]}]},"Records":"1"}""", false)]
    [InlineData("""{"_aws":{"Timestamp":"1","CloudWatchMetrics":[{"Namespace":"N","Dimensions":[[]],"Metrics":[]}]}}""", false)]
    [InlineData("""{"Timestamp":1,"Records":1}""", false)]
    public void EmfSpec_KnownGoodAndBadLines_TellsThemApart(string line, bool valid) => (EmfSpec.Problems(line).Count == 0).ShouldBe(valid);

    [Fact]
    public void PrometheusTextFile_ARun_ParsesAsTheExpositionFormatWithTheReportsFigures()
    {
        var series = PrometheusText.Parse(PrometheusTextFile.Render(RunMetrics.From(Report()), previous: null));

        const string Job = "job_id=\"night \\\"job\\\"\"";
        series["clickbatch_last_run_success{" + Job + "}"].ShouldBe(0);
        series["clickbatch_last_run_exit_code{" + Job + "}"].ShouldBe(1);
        series["clickbatch_last_run_duration_seconds{" + Job + "}"].ShouldBe(90.5);
        series["clickbatch_last_run_lag_start_records{" + Job + ",topic=\"clicks\",partition=\"1\"}"].ShouldBe(40);
        series["clickbatch_last_run_lag_end_records{" + Job + ",topic=\"clicks\",partition=\"1\"}"].ShouldBe(10);
        series["clickbatch_last_run_rejects{" + Job + ",topic=\"clicks\",partition=\"0\"}"].ShouldBe(5);
        series["clickbatch_last_run_data_loss_records{" + Job + ",topic=\"clicks\",partition=\"1\"}"].ShouldBe(10);
        series["clickbatch_last_run_commits{" + Job + ",topic=\"clicks\"}"].ShouldBe(3);
        series.Keys.ShouldNotContain(k => k.StartsWith("clickbatch_last_success_timestamp_seconds", StringComparison.Ordinal), "no run has succeeded yet");
    }

    [Fact]
    public void PrometheusTextFile_FailedRunAfterASuccess_KeepsTheLastSuccessTime()
    {
        var succeeded = PrometheusTextFile.Render(RunMetrics.From(Report(exitCode: 0)), previous: null);
        var failed = Report() with { StartedAt = Start.AddDays(1), EndedAt = Start.AddDays(1).AddSeconds(5) };

        var series = PrometheusText.Parse(PrometheusTextFile.Render(RunMetrics.From(failed), succeeded));

        series["clickbatch_last_success_timestamp_seconds{job_id=\"night \\\"job\\\"\"}"].ShouldBe(Start.AddSeconds(90.5).ToUnixTimeSeconds() + 0.5);
        series["clickbatch_last_run_end_timestamp_seconds{job_id=\"night \\\"job\\\"\"}"].ShouldBe(Start.AddDays(1).AddSeconds(5).ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("# TYPE a gauge\na 1\n", true)]
    [InlineData("# TYPE a gauge\na{x=\"1\",} 1\na{x=\"2\"} 2\n", true)]
    [InlineData("a{x=\"1\"} 1\na{x=\"1\"} 2\n", false)]
    [InlineData("a 1\nb 1\na 2\n", false)]
    [InlineData("a{x=\"un\"escaped\"} 1\n", false)]
    [InlineData("a 1\n# TYPE a gauge\n", false)]
    [InlineData("a one\n", false)]
    [InlineData("1a 1\n", false)]
    [InlineData("a 1", false)]
    public void PrometheusText_KnownGoodAndBadFiles_TellsThemApart(string text, bool valid)
    {
        var parsed = Record.Exception(() => PrometheusText.Parse(text));

        (parsed is null).ShouldBe(valid, parsed?.Message);
    }

    private static long Long(JsonDocument document, string name) => document.RootElement.GetProperty(name).GetInt64();
}
