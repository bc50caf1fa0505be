using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickBatch.TestFormats;

/// <summary>
/// A strict parser of the Prometheus text exposition format (version 0.0.4): HELP and TYPE lines, samples
/// <c>name{label="value",...} value [timestamp]</c> with the format's name rules, label escapes (\\ \" \n) and float
/// spellings; a family's TYPE before its samples, at most once; a family's samples together; no series twice.
/// Throws <see cref="FormatException"/> naming the line; returns every series ("name{labels}" as written) and its value.
/// </summary>
public static partial class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("the last line does not end with a line feed");
        }

        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        var typed = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var number = 0;
        foreach (var line in text.Split('\n')[..^1])
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[1] is "HELP" or "TYPE")
                {
                    Require(MetricName().IsMatch(parts[2]), number, "bad metric name " + parts[2]);
                    if (parts[1] == "TYPE")
                    {
                        Require(parts.Length == 4 && parts[3] is "counter" or "gauge" or "histogram" or "summary" or "untyped", number, "bad TYPE");
                        Require(typed.Add(parts[2]), number, "second TYPE for " + parts[2]);
                        Require(!finished.Contains(parts[2]) && current != parts[2], number, "TYPE after samples of " + parts[2]);
                    }
                }

                continue;
            }

            var (name, labels, value) = Sample(line, number);
            if (current != name)
            {
                Require(!finished.Contains(name), number, "samples of " + name + " are not together");
                if (current is not null)
                {
                    finished.Add(current);
                }

                current = name;
            }

            Require(series.TryAdd(name + labels, value), number, "series twice: " + name + labels);
        }

        return series;
    }

    private static (string Name, string Labels, double Value) Sample(string line, int number)
    {
        var match = SampleLine().Match(line);
        Require(match.Success, number, "not a sample: " + line);
        var labels = match.Groups["labels"].Value;
        if (labels.Length > 0)
        {
            var rest = labels[1..^1];
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (rest.Length > 0)
            {
                var label = Label().Match(rest);
                Require(label.Success && label.Index == 0, number, "bad label list: " + labels);
                Require(names.Add(label.Groups["name"].Value), number, "label twice: " + label.Groups["name"].Value);
                rest = rest[label.Length..];
            }
        }

        var text = match.Groups["value"].Value;
        var value = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new FormatException($"line {number}: bad value {text}"),
        };
        return (match.Groups["name"].Value, labels, value);
    }

    private static void Require(bool condition, int line, string problem)
    {
        if (!condition)
        {
            throw new FormatException($"line {line}: {problem}");
        }
    }

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{[^\n]*\})? (?<value>\S+)( -?[0-9]+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""^(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\\n]|\\[\\"n])*)",?""")]
    private static partial Regex Label();
}
