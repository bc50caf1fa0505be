using System.Globalization;
using ClickBatch.Decoding;
using ClickBatch.Diagnostics.Fuzzing;
using ClickBatch.Errors;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary>Hidden: fuzzes the record decoder with mutated generated events (scripts/fuzz-decode.sh, docs/decoding.md "Fuzzing").</summary>
[Verb("fuzz-decode", Hidden = true, HelpText = "Fuzz the JSON decoder with mutated generated events.")]
public sealed class FuzzDecodeVerb : IVerb
{
    private const long Chunk = 250_000;

    /// <summary>Cases to run. Default 1,000,000.</summary>
    [Option("cases", Default = 1_000_000L, HelpText = "Number of fuzz cases.")]
    public long Cases { get; set; } = 1_000_000L;

    /// <summary>First case number (to reproduce a failure: --first-case N --cases 1). Default 0.</summary>
    [Option("first-case", Default = 0L, HelpText = "Number of the first case.")]
    public long FirstCase { get; set; }

    /// <summary>Seed of the mutations and of the generated events. Default 1.</summary>
    [Option("seed", Default = 1UL, HelpText = "Fuzzer seed.")]
    public ulong Seed { get; set; } = 1;

    /// <summary>Clicks the generator plans for the seed events (checkouts and bad records come on top). Default 2000.</summary>
    [Option("seed-clicks", Default = 2000, HelpText = "Generated clicks used as seeds.")]
    public int SeedClicks { get; set; } = 2000;

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (Cases < 1 || FirstCase < 0 || SeedClicks < 1)
        {
            throw new ConfigurationException("--cases and --seed-clicks must be at least 1 and --first-case at least 0");
        }

        var fuzzer = new DecodeFuzzer(FuzzSeeds.Generate(SeedClicks, Seed), Seed, context.Clock.GetUtcNow());
        var total = new List<FuzzReport>();
        for (var first = FirstCase; first < FirstCase + Cases; first += Chunk)
        {
            var report = fuzzer.Run(first, Math.Min(Chunk, FirstCase + Cases - first), context.Clock, cancellationToken);
            total.Add(report);
            await context.Out.WriteLineAsync(Line(first + report.Cases - FirstCase, report)).ConfigureAwait(false);
            foreach (var failure in report.Failures)
            {
                await context.Error.WriteLineAsync("FAIL " + failure).ConfigureAwait(false);
            }
        }

        await context.Out.WriteLineAsync(Summary(total)).ConfigureAwait(false);
        return total.Sum(r => r.FailureCount) == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Line(long done, FuzzReport report) => string.Create(CultureInfo.InvariantCulture,
        $"{done:N0} cases, {report.CasesPerSecond:N0} cases/s, failures in this chunk: {report.FailureCount}");

    private static string Summary(IReadOnlyList<FuzzReport> reports)
    {
        var cases = reports.Sum(r => r.Cases);
        var seconds = reports.Sum(r => r.Elapsed.TotalSeconds);
        var kinds = Enum.GetValues<RejectKind>()
            .Select(k => (Kind: k, Count: reports.Sum(r => r.RejectsByKind.GetValueOrDefault(k))))
            .Where(k => k.Count > 0)
            .Select(k => k.Kind.Name() + "=" + k.Count.ToString(CultureInfo.InvariantCulture));
        return string.Create(CultureInfo.InvariantCulture,
            $"total: {cases:N0} cases in {seconds:N1} s ({cases / Math.Max(seconds, 1e-9):N0} cases/s); decoded {reports.Sum(r => r.Decoded):N0}; "
            + $"rejected {reports.Sum(r => r.Rejected):N0} ({string.Join(", ", kinds)}); safety-net hits {reports.Sum(r => r.SafetyNetHits)}; "
            + $"failures {reports.Sum(r => r.FailureCount)}");
    }
}
