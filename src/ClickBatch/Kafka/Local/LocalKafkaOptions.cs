namespace ClickBatch.Kafka.Local;

/// <summary>What the embedded cluster looks like when it starts.</summary>
/// <param name="Brokers">Number of brokers, 1 to <see cref="MaxBrokers"/>; each listens on its own 127.0.0.1 port. Default 1.</param>
/// <param name="Topics">Topics created at start (the mock has no topic admin API). Default none.</param>
public sealed record LocalKafkaOptions(int Brokers, IReadOnlyList<LocalTopic> Topics)
{
    /// <summary>More brokers only cost threads and ports; a handful is enough for every test.</summary>
    public const int MaxBrokers = 16;

    public static LocalKafkaOptions Default { get; } = new(1, []);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Brokers is < 1 or > MaxBrokers)
        {
            problems.Add($"--brokers is {Brokers}; expected 1 to {MaxBrokers}.");
        }

        var duplicates = Topics.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var name in duplicates)
        {
            problems.Add($"--topics names '{name}' more than once; give each topic once.");
        }

        return problems;
    }
}
