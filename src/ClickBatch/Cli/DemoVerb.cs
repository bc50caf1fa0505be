using ClickBatch.Errors;
using ClickBatch.Jobs.Demo;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary><c>clickbatch demo</c>: the whole pipeline on embedded defaults, no setup.</summary>
[Verb("demo", HelpText = "Start an embedded Kafka in this process, generate a day of clicks and checkouts (bad records "
    + "included), run the job into a local lake and read it back with DuckDB. Rerunning on the same lake lands nothing twice.")]
public sealed class DemoVerb : IVerb
{
    [Option("lake", Default = ".demo/lake", HelpText = "Local lake folder.")]
    public string Lake { get; set; } = ".demo/lake";

    [Option("clicks", Default = 40_000, HelpText = "Click events to generate (checkouts: 30% of it). The embedded Kafka keeps ~5 MiB per partition.")]
    public int Clicks { get; set; } = 40_000;

    [Option("seed", Default = 42UL, HelpText = "Generator seed.")]
    public ulong Seed { get; set; } = 42;

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Clicks is < 1 or > 200_000)
        {
            throw new Errors.ConfigurationException($"--clicks must be between 1 and 200000 for the embedded Kafka (about 5 MiB kept per partition), found {Clicks}.");
        }

        if (Lake.Contains("://", StringComparison.Ordinal))
        {
            throw new Errors.ConfigurationException($"--lake must be a local folder for the demo (it reads the tables back with DuckDB from local files), got '{Lake}'. "
                + "For s3:// lakes use 'clickbatch run' (docs/aws.md).");
        }

        var lake = Path.GetFullPath(Lake);
        using var loggers = context.CreateLoggerFactory();
        // About 25,000 clicks (with their checkouts) fit the embedded Kafka's ~5 MiB per partition; 20,000 leaves room.
        var partitions = Math.Max(6, (Clicks + 19_999) / 20_000);
        var demo = new DemoJob(new DemoOptions { Lake = lake, Clicks = Clicks, Seed = Seed, Partitions = partitions }, loggers, context.Clock);
        var (generated, report) = await demo.ExecuteAsync(cancellationToken);
        await context.Out.WriteLineAsync($"generated: {generated.Clicks.Records} clicks records and {generated.Checkouts.Records} checkouts records "
            + $"({generated.Clicks.Malformed + generated.Checkouts.Malformed} malformed, {generated.Clicks.Duplicates + generated.Checkouts.Duplicates} duplicates)");
        await RunSummaryPrinter.PrintAsync(report, json: false, context.Out);
        if (report.Records == 0)
        {
            await context.Out.WriteLineAsync("nothing new: the lake already holds every offset of this demo's topics (exactly once).");
        }

        await context.Out.WriteLineAsync(await LakeSummary.DescribeAsync(lake, cancellationToken));
        var renderer = Catalog.Dbt.DbtRenderer.FindScript(Environment.CurrentDirectory) ?? Catalog.Dbt.DbtRenderer.FindScript(AppContext.BaseDirectory);
        await context.Out.WriteLineAsync(await AttributionSummary.DescribeAsync(AttributionSummary.LakeTables(lake), renderer, cancellationToken));
        await context.Out.WriteLineAsync($"tables: {lake}/clicks, {lake}/checkouts (+ _rejects); run reports: {lake}/_clickbatch/runs/");
        await context.Out.WriteLineAsync($"try: dotnet run --project src/ClickBatch -- table describe {lake}/clicks");
        return report.ExitCode ?? ExitCodes.Failure;
    }
}
