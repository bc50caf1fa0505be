using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickBatch.Kafka.Local;

/// <summary>A topic the embedded cluster creates at start, written <c>name:partitions</c> on the command line.</summary>
public sealed partial record LocalTopic(string Name, int Partitions)
{
    /// <summary>The most partitions one local topic may have; the mock keeps every partition in memory.</summary>
    public const int MaxPartitions = 1000;

    /// <summary>Parses <c>clicks:6,checkouts:6</c>; every malformed entry is reported, not just the first.</summary>
    public static IReadOnlyList<LocalTopic> ParseList(string text, List<string> problems)
    {
        var topics = new List<LocalTopic>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParse(entry, problems) is { } topic)
            {
                topics.Add(topic);
            }
        }

        return topics;
    }

    /// <summary>Kafka's own rule: 1 to 249 characters of ASCII letters, digits, '.', '_' and '-'.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name) && name is not "." and not "..";

    private static LocalTopic? TryParse(string entry, List<string> problems)
    {
        var parts = entry.Split(':');
        if (parts.Length != 2 || !IsValidName(parts[0]))
        {
            problems.Add($"--topics entry '{entry}' must look like name:partitions with a valid Kafka topic name "
                + "(letters, digits, '.', '_', '-'; at most 249 characters), e.g. clicks:6.");
            return null;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var partitions)
            || partitions is < 1 or > MaxPartitions)
        {
            problems.Add($"--topics entry '{entry}' has partitions '{parts[1]}'; expected a whole number from 1 to {MaxPartitions}.");
            return null;
        }

        return new LocalTopic(parts[0], partitions);
    }

    [GeneratedRegex("^[a-zA-Z0-9._-]{1,249}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidName();
}
