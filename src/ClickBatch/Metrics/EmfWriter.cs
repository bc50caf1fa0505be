using System.Text;
using System.Text.Json;

namespace ClickBatch.Metrics;

/// <summary>
/// The run's metrics as CloudWatch Embedded Metric Format lines (docs/metrics.md): JSON objects whose <c>_aws</c> member
/// tells CloudWatch Logs which members are metrics, so the ECS log group turns them into metrics without an agent. One
/// line for the run (dimension JobId) and one per topic (JobId, Topic); the topic line carries each partition's figures
/// as a plain member, for Logs Insights, not as metrics (one CloudWatch metric per partition is billed each month).
/// </summary>
public static class EmfWriter
{
    public const string Namespace = "ClickBatch";

    public static IReadOnlyList<string> Lines(RunMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var timestamp = metrics.EndedAt.ToUnixTimeMilliseconds();
        var lines = new List<string>
        {
            Line(timestamp, ["JobId"], writer =>
            {
                Common(writer, metrics, "run");
                writer.WriteNumber("Duration", metrics.DurationSeconds);
                writer.WriteNumber("ExitCode", metrics.ExitCode);
                writer.WriteNumber("Succeeded", metrics.ExitCode == 0 ? 1 : 0);
                Counters(writer, metrics.Run);
            }, [("Duration", "Seconds"), ("ExitCode", "None"), ("Succeeded", "Count"), .. CounterUnits]),
        };
        foreach (var topic in metrics.Topics)
        {
            lines.Add(Line(timestamp, ["JobId", "Topic"], writer =>
            {
                Common(writer, metrics, "topic");
                writer.WriteString("Topic", topic.Topic);
                Counters(writer, topic.Totals);
                writer.WriteStartArray("Partitions");
                foreach (var partition in topic.Partitions)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("Partition", partition.Partition);
                    Counters(writer, partition.Counters, skipTableCounters: true);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }, CounterUnits));
        }

        return lines;
    }

    /// <summary>Each counter's metric name and CloudWatch unit, in the order they are written.</summary>
    private static readonly (string Name, string Unit)[] CounterUnits =
    [
        ("Records", "Count"), ("Rows", "Count"), ("Rejects", "Count"), ("Bytes", "Bytes"), ("Files", "Count"), ("Commits", "Count"),
        ("LagAtStart", "Count"), ("LagAtEnd", "Count"), ("DataLossGaps", "Count"), ("DataLossRecords", "Count"),
    ];

    private static void Common(Utf8JsonWriter writer, RunMetrics metrics, string scope)
    {
        writer.WriteString("JobId", metrics.JobId);
        writer.WriteString("TaskId", metrics.TaskId);
        writer.WriteString("Status", metrics.Status);
        writer.WriteString("Event", "clickbatch.metrics." + scope);
    }

    private static void Counters(Utf8JsonWriter writer, RunMetrics.Scope scope, bool skipTableCounters = false)
    {
        writer.WriteNumber("Records", scope.Records);
        writer.WriteNumber("Rows", scope.Rows);
        writer.WriteNumber("Rejects", scope.Rejects);
        if (!skipTableCounters)
        {
            writer.WriteNumber("Bytes", scope.Bytes);
            writer.WriteNumber("Files", scope.Files);
            writer.WriteNumber("Commits", scope.Commits);
        }

        writer.WriteNumber("LagAtStart", scope.LagAtStart);
        writer.WriteNumber("LagAtEnd", scope.LagAtEnd);
        writer.WriteNumber("DataLossGaps", scope.DataLossGaps);
        writer.WriteNumber("DataLossRecords", scope.DataLossRecords);
    }

    private static string Line(long timestamp, string[] dimensions, Action<Utf8JsonWriter> members, IEnumerable<(string Name, string Unit)> metrics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("_aws");
            writer.WriteNumber("Timestamp", timestamp);
            writer.WriteStartArray("CloudWatchMetrics");
            writer.WriteStartObject();
            writer.WriteString("Namespace", Namespace);
            writer.WriteStartArray("Dimensions");
            writer.WriteStartArray();
            foreach (var dimension in dimensions)
            {
                writer.WriteStringValue(dimension);
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
            writer.WriteStartArray("Metrics");
            foreach (var (name, unit) in metrics)
            {
                writer.WriteStartObject();
                writer.WriteString("Name", name);
                writer.WriteString("Unit", unit);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            members(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
