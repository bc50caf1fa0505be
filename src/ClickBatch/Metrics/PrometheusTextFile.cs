using System.Globalization;
using System.Text;

namespace ClickBatch.Metrics;

/// <summary>
/// The run's metrics as a Prometheus text exposition file (docs/metrics.md) for node_exporter's textfile collector on
/// cron hosts: gauges of the last run, per run, topic and partition. Written to a temporary file beside the target and
/// renamed over it, so the collector never reads half a file. <c>clickbatch_last_success_timestamp_seconds</c> survives a
/// failed run: it is carried over from the file the last successful run wrote, so "no success in 26 h" is one rule.
/// </summary>
public static class PrometheusTextFile
{
    private const string LastSuccess = "clickbatch_last_success_timestamp_seconds";

    public static async Task WriteAsync(string path, RunMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var previous = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            await File.WriteAllTextAsync(temporary, Render(metrics, previous), new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file's text; <paramref name="previous"/> is the text the last run wrote (for the last success time).</summary>
    public static string Render(RunMetrics metrics, string? previous)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder();
        var job = Labels(("job_id", metrics.JobId));
        var success = metrics.ExitCode == 0;
        Family(text, "clickbatch_last_run_success", "1 when the last run succeeded (exit code 0), else 0.", [(job, success ? 1 : 0)]);
        Family(text, "clickbatch_last_run_exit_code", "Exit code of the last run (README, Exit codes).", [(job, metrics.ExitCode)]);
        Family(text, "clickbatch_last_run_duration_seconds", "Wall time of the last run.", [(job, metrics.DurationSeconds)]);
        Family(text, "clickbatch_last_run_end_timestamp_seconds", "When the last run ended, Unix time.", [(job, metrics.EndedAt.ToUnixTimeMilliseconds() / 1000.0)]);
        var lastSuccess = success ? metrics.EndedAt.ToUnixTimeMilliseconds() / 1000.0 : PreviousValue(previous, LastSuccess + job);
        if (lastSuccess is { } seconds)
        {
            Family(text, LastSuccess, "When a run last succeeded, Unix time (kept across failed runs).", [(job, seconds)]);
        }

        var topics = metrics.Topics;
        TopicFamily(text, topics, metrics.JobId, "clickbatch_last_run_bytes", "Bytes of data and rejects files the last run committed, per topic.", s => s.Bytes);
        TopicFamily(text, topics, metrics.JobId, "clickbatch_last_run_files", "Data and rejects files the last run committed, per topic.", s => s.Files);
        TopicFamily(text, topics, metrics.JobId, "clickbatch_last_run_commits", "Delta commits of the last run to the table and its rejects table, per topic.", s => s.Commits);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_records", "Kafka records the last run read.", s => s.Records);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_rows", "Rows the last run landed in the table.", s => s.Rows);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_rejects", "Records the last run landed in the rejects table.", s => s.Rejects);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_lag_start_records",
            "Records between the stored offset and the end the last run captured when it started.", s => s.LagAtStart);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_lag_end_records",
            "Records of that range the table still lacked when the last run ended (0 when drained).", s => s.LagAtEnd);
        PartitionFamily(text, topics, metrics.JobId, "clickbatch_last_run_data_loss_records",
            "Records retention deleted before the last run could read them (exit code 3).", s => s.DataLossRecords);
        return text.ToString();
    }

    private static void TopicFamily(StringBuilder text, IReadOnlyList<RunMetrics.TopicScope> topics, string job, string name, string help, Func<RunMetrics.Scope, long> value) =>
        Family(text, name, help, topics.Select(t => (Labels(("job_id", job), ("topic", t.Topic)), (double)value(t.Totals))).ToList());

    private static void PartitionFamily(StringBuilder text, IReadOnlyList<RunMetrics.TopicScope> topics, string job, string name, string help, Func<RunMetrics.Scope, long> value) =>
        Family(text, name, help, topics.SelectMany(t => t.Partitions.Select(p =>
            (Labels(("job_id", job), ("topic", t.Topic), ("partition", p.Partition.ToString(CultureInfo.InvariantCulture))), (double)value(p.Counters)))).ToList());

    private static void Family(StringBuilder text, string name, string help, IReadOnlyList<(string Labels, double Value)> samples)
    {
        text.Append("# HELP ").Append(name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
        text.Append("# TYPE ").Append(name).Append(" gauge\n");
        foreach (var (labels, value) in samples)
        {
            text.Append(name).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static string Labels(params (string Name, string Value)[] labels) =>
        "{" + string.Join(",", labels.Select(l => l.Name + "=\"" + Escape(l.Value) + "\"")) + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>The value of the sample that starts with <paramref name="series"/> (name and labels) in an earlier file, or null.</summary>
    private static double? PreviousValue(string? previous, string series)
    {
        var line = previous?.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is not null && double.TryParse(line[(series.Length + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
