using ClickBatch.Generation;

namespace ClickBatch.Tests.Support;

/// <summary>Generator options for tests: a two-day range in November 2026 and a few thousand clicks.</summary>
public static class GeneratorOptionsBuilder
{
    public static readonly DateOnly From = new(2026, 11, 1);
    public static readonly DateOnly To = new(2026, 11, 2);

    public static GeneratorOptions Create(int clicks = 4000, ulong seed = 42, double malformedRatio = 0.08,
        double checkoutsPerClick = 0.3, double duplicateRatio = 0.002) => new()
    {
        Clicks = clicks,
        Seed = seed,
        MalformedRatio = malformedRatio,
        CheckoutsPerClick = checkoutsPerClick,
        DuplicateRatio = duplicateRatio,
        From = From,
        To = To,
    };
}
