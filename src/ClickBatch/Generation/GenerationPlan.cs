namespace ClickBatch.Generation;

/// <summary>
/// Every record of a run in produce order (event time, then planning order): the machine-readable truth of what
/// was generated. A pure function of <see cref="GeneratorOptions"/>; <see cref="RecordEncoder"/> turns a record
/// into its Kafka key and value bytes.
/// </summary>
public sealed class GenerationPlan
{
    /// <summary>Bits for the planning sequence in the sort key: 268M records; the time offset gets the other 35 bits (397 days).</summary>
    private const int SequenceBits = 28;
    private const long SequenceMask = (1L << SequenceBits) - 1;

    private readonly PlannedRecord[] _records;

    private GenerationPlan(GeneratorOptions options, ProductCatalog catalog, PlannedRecord[] records)
    {
        Options = options;
        Catalog = catalog;
        _records = records;
    }

    public GeneratorOptions Options { get; }

    public ProductCatalog Catalog { get; }

    /// <summary>All records in produce order.</summary>
    public IReadOnlyList<PlannedRecord> Records => _records;

    /// <summary>Builds the plan; deterministic for the same options (including the seed).</summary>
    public static GenerationPlan Create(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new DeterministicRandom(options.Seed);
        var catalog = ProductCatalog.Create(random, options.Clicks);
        var checkouts = RoundCount(options.Clicks * options.CheckoutsPerClick);
        var records = new List<PlannedRecord>(EstimateCapacity(options, checkouts));
        AddStories(new StoryPlanner(random, catalog, options, records), random, options.Clicks, checkouts);
        var events = records.Count;
        DuplicatePlanner.Add(records, random, RoundCount(events * options.DuplicateRatio));
        MalformedPlanner.Add(records, random, catalog, options, RoundCount(records.Count * options.MalformedRatio));
        return new GenerationPlan(options, catalog, InProduceOrder(records, options.StartUnixMs));
    }

    /// <summary>Counts are rounded half away from zero, so that 0.5 becomes 1.</summary>
    internal static int RoundCount(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    private static void AddStories(StoryPlanner planner, DeterministicRandom random, int clicks, int checkouts)
    {
        var clickBudget = clicks;
        for (var i = 0; i < checkouts; i++)
        {
            // The first checkouts take every scenario once, so even a small run has each edge case.
            var scenario = i < CheckoutScenarios.ForCheckouts.Count ? CheckoutScenarios.ForCheckouts[i] : PickScenario(random);
            clickBudget -= planner.AddCheckoutStory(scenario, clickBudget);
        }

        while (clickBudget > 0)
        {
            clickBudget -= planner.AddBrowseSession(clickBudget);
        }
    }

    private static CheckoutScenario PickScenario(DeterministicRandom random)
    {
        var roll = random.Next(100);
        foreach (var scenario in CheckoutScenarios.ForCheckouts)
        {
            roll -= CheckoutScenarios.WeightPercent(scenario);
            if (roll < 0)
            {
                return scenario;
            }
        }

        return CheckoutScenario.ClickWithinHour;
    }

    private static int EstimateCapacity(GeneratorOptions options, int checkouts)
    {
        var events = (long)options.Clicks + checkouts;
        return (int)Math.Min(int.MaxValue / 2, events + (long)(events * (options.DuplicateRatio + options.MalformedRatio * 1.1)) + 16);
    }

    /// <summary>
    /// Sorts by event time, then planning order (so a duplicate follows its original), through one long per
    /// record: time offset in the high bits, sequence in the low <see cref="SequenceBits"/>; far cheaper than
    /// sorting the records themselves.
    /// </summary>
    private static PlannedRecord[] InProduceOrder(List<PlannedRecord> records, long startUnixMs)
    {
        var keys = new long[records.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((records[i].TimestampUnixMs - startUnixMs) << SequenceBits) | (uint)records[i].Sequence;
        }

        Array.Sort(keys);
        var ordered = new PlannedRecord[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            ordered[i] = records[(int)(keys[i] & SequenceMask)];
        }

        return ordered;
    }
}
