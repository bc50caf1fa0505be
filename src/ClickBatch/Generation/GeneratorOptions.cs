namespace ClickBatch.Generation;

/// <summary>What <c>clickbatch generate</c> produces; validated by the verb, immutable afterwards.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Largest <see cref="Clicks"/>: the plan keeps about 80 bytes per record in memory.</summary>
    public const int MaxClicks = 20_000_000;

    /// <summary>Longest range of event days (the produce-order sort key holds 397 days of milliseconds).</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Earliest <see cref="From"/>: Kafka timestamps are milliseconds since 1970 (negative means "none").
    /// </summary>
    public static readonly DateOnly FirstDay = new(1970, 1, 1);

    /// <summary>Latest <see cref="To"/>: the range ends at the midnight after it, which must still be a DateTime.</summary>
    public static readonly DateOnly LastDay = new(9999, 12, 30);

    /// <summary>Number of click events (exact; duplicates and malformed records come on top).</summary>
    public required int Clicks { get; init; }

    /// <summary>Checkouts per click, 0..1 (default 0.3): checkouts = round(clicks * ratio).</summary>
    public double CheckoutsPerClick { get; init; } = 0.3;

    /// <summary>Seed of the only random source; same seed and options give the same bytes (default 42).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Bad records per event, 0..1 (default 0.01): malformed = round(ratio * (events + duplicates)).</summary>
    public double MalformedRatio { get; init; } = 0.01;

    /// <summary>Exact re-sends per event, 0..1 (default 0.001): duplicates = round(ratio * events).</summary>
    public double DuplicateRatio { get; init; } = 0.001;

    /// <summary>First UTC day of event times (inclusive).</summary>
    public required DateOnly From { get; init; }

    /// <summary>Last UTC day of event times (inclusive).</summary>
    public required DateOnly To { get; init; }

    /// <summary>Topic for click events (default <c>clicks</c>).</summary>
    public string ClicksTopic { get; init; } = "clicks";

    /// <summary>Topic for checkout events (default <c>checkouts</c>).</summary>
    public string CheckoutsTopic { get; init; } = "checkouts";

    /// <summary>Start of the event time range in Unix milliseconds (inclusive).</summary>
    public long StartUnixMs => new DateTimeOffset(From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>End of the event time range in Unix milliseconds (exclusive: midnight after <see cref="To"/>).</summary>
    public long EndUnixMs => new DateTimeOffset(To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();

    public string TopicName(EventTopic topic) => topic == EventTopic.Clicks ? ClicksTopic : CheckoutsTopic;

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Clicks is < 1 or > MaxClicks)
        {
            problems.Add($"--clicks must be between 1 and {MaxClicks}, found {Clicks}.");
        }

        AddRatioProblem(problems, "--checkouts-per-click", CheckoutsPerClick);
        AddRatioProblem(problems, "--malformed-ratio", MalformedRatio);
        AddRatioProblem(problems, "--duplicate-ratio", DuplicateRatio);
        if (From < FirstDay || To > LastDay)
        {
            problems.Add($"--from and --to must lie within {FirstDay:yyyy-MM-dd}..{LastDay:yyyy-MM-dd} (Kafka timestamps start in 1970; "
                + $"the range ends at the midnight after --to), found {From:yyyy-MM-dd}..{To:yyyy-MM-dd}.");
        }
        else if (To < From)
        {
            problems.Add($"--to ({To:yyyy-MM-dd}) must not be before --from ({From:yyyy-MM-dd}).");
        }
        else if (To.DayNumber - From.DayNumber >= MaxDays)
        {
            problems.Add($"--from and --to may span at most {MaxDays} days, found {To.DayNumber - From.DayNumber + 1}.");
        }

        if (string.IsNullOrWhiteSpace(ClicksTopic) || string.IsNullOrWhiteSpace(CheckoutsTopic)
            || string.Equals(ClicksTopic, CheckoutsTopic, StringComparison.Ordinal))
        {
            problems.Add($"--topics must name two different non-empty topics (clicks,checkouts), found '{ClicksTopic},{CheckoutsTopic}'.");
        }

        return problems;
    }

    private static void AddRatioProblem(List<string> problems, string option, double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            problems.Add($"{option} must be a number between 0 and 1, found {value}.");
        }
    }
}
