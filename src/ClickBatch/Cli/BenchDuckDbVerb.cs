using System.Text.Json;
using ClickBatch.Diagnostics;
using ClickBatch.Errors;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary>Hidden: the DuckDB NDJSON-to-Parquet conversion scripts/bench.sh compares <c>run</c> with.</summary>
[Verb("bench-duckdb", Hidden = true, HelpText = "Convert NDJSON files to zstd Parquet with DuckDB (the benchmark's baseline).")]
public sealed class BenchDuckDbVerb : IVerb
{
    [Option("input", Required = true, Separator = ',', HelpText = "NDJSON files, comma-separated.")]
    public IEnumerable<string> Inputs { get; set; } = [];

    [Option("out", Required = true, HelpText = "Folder for the Parquet files.")]
    public string Output { get; set; } = "";

    /// <summary>DuckDB threads. Default 2 (the machine's cores).</summary>
    [Option("threads", Default = 2, HelpText = "DuckDB threads.")]
    public int Threads { get; set; } = 2;

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var inputs = Inputs.ToList();
        var missing = inputs.Where(i => !File.Exists(i)).ToList();
        if (missing.Count > 0 || Threads < 1)
        {
            throw new ConfigurationException(missing.Select(m => "--input " + m + " does not exist")
                .Concat(Threads < 1 ? ["--threads must be at least 1, found " + Threads] : []).ToList());
        }

        var (rows, seconds) = await DuckDbConversion.RunAsync(inputs, Output, Threads, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(JsonSerializer.Serialize(new { rows = rows.Values.Sum(), seconds })).ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
