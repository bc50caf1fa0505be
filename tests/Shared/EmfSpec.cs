using System.Text.Json;

namespace ClickBatch.TestFormats;

/// <summary>
/// Checks a log line against the CloudWatch Embedded Metric Format specification (root object; <c>_aws</c> with an
/// integer <c>Timestamp</c> and <c>CloudWatchMetrics</c> directives; each directive's Namespace, DimensionSets of at most
/// 30 names that each name a string member, at most 100 Metrics whose Name names a number member (or an array of at most
/// 100 numbers) and whose Unit is a CloudWatch unit). Shared by the unit and the integration tests.
/// </summary>
public static class EmfSpec
{
    private static readonly HashSet<string> Units =
    [
        "Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits",
        "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second",
        "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second",
        "Terabits/Second", "Count/Second", "None",
    ];

    /// <summary>Every way <paramref name="line"/> breaks the specification; empty when it is a valid EMF event.</summary>
    public static List<string> Problems(string line)
    {
        var problems = new List<string>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return ["not JSON: " + ex.Message];
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("_aws", out var aws) || aws.ValueKind != JsonValueKind.Object)
            {
                return ["no _aws object at the root"];
            }

            if (!aws.TryGetProperty("Timestamp", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var ms) || ms < 0)
            {
                problems.Add("_aws.Timestamp must be a non-negative integer (ms since the epoch)");
            }

            if (!aws.TryGetProperty("CloudWatchMetrics", out var directives) || directives.ValueKind != JsonValueKind.Array || directives.GetArrayLength() == 0)
            {
                problems.Add("_aws.CloudWatchMetrics must be a non-empty array");
                return problems;
            }

            foreach (var directive in directives.EnumerateArray())
            {
                CheckDirective(root, directive, problems);
            }
        }

        return problems;
    }

    private static void CheckDirective(JsonElement root, JsonElement directive, List<string> problems)
    {
        if (!directive.TryGetProperty("Namespace", out var ns) || ns.ValueKind != JsonValueKind.String || ns.GetString() is not { Length: >= 1 and <= 255 } name
            || string.IsNullOrWhiteSpace(name))
        {
            problems.Add("a directive's Namespace must be a string of 1 to 255 characters");
        }

        if (!directive.TryGetProperty("Dimensions", out var sets) || sets.ValueKind != JsonValueKind.Array)
        {
            problems.Add("a directive's Dimensions must be an array of dimension sets");
        }
        else
        {
            foreach (var set in sets.EnumerateArray())
            {
                if (set.ValueKind != JsonValueKind.Array || set.GetArrayLength() > 30)
                {
                    problems.Add("a dimension set must be an array of at most 30 names");
                    continue;
                }

                foreach (var dimension in set.EnumerateArray())
                {
                    if (dimension.ValueKind != JsonValueKind.String || !root.TryGetProperty(dimension.GetString()!, out var value) || value.ValueKind != JsonValueKind.String)
                    {
                        problems.Add("dimension " + dimension + " must name a string member of the root");
                    }
                }
            }
        }

        if (!directive.TryGetProperty("Metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Array || metrics.GetArrayLength() > 100)
        {
            problems.Add("a directive's Metrics must be an array of at most 100 definitions");
            return;
        }

        foreach (var metric in metrics.EnumerateArray())
        {
            if (!metric.TryGetProperty("Name", out var metricName) || metricName.ValueKind != JsonValueKind.String
                || !root.TryGetProperty(metricName.GetString()!, out var value) || !IsMetricValue(value))
            {
                problems.Add("metric " + metric + " must name a member holding a number or an array of at most 100 numbers");
            }

            if (metric.TryGetProperty("Unit", out var unit) && (unit.ValueKind != JsonValueKind.String || !Units.Contains(unit.GetString()!)))
            {
                problems.Add("metric " + metric + " has a Unit CloudWatch does not know");
            }
        }
    }

    private static bool IsMetricValue(JsonElement value) => value.ValueKind == JsonValueKind.Number
        || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() <= 100 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.Number));
}
