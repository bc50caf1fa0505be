namespace ClickBatch.Jobs.Demo;

/// <summary>What <c>clickbatch demo</c> does: how many events, into which lake.</summary>
public sealed record DemoOptions
{
    /// <summary>Lake folder. Default <c>.demo/lake</c> under the current directory.</summary>
    public required string Lake { get; init; }

    /// <summary>Click events to generate (checkouts are 30% of it). Default 40,000: within the local Kafka's ~5 MiB per partition.</summary>
    public int Clicks { get; init; } = 40_000;

    /// <summary>Generator seed. Fixed, so a second demo produces the same offsets and lands nothing twice. Default 42.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Share of bad records of every kind. Default 0.01.</summary>
    public double MalformedRatio { get; init; } = 0.01;

    /// <summary>Partitions per topic on the local Kafka. Default 6.</summary>
    public int Partitions { get; init; } = 6;
}
