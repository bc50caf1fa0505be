using System.Text.Json;
using ClickBatch.Diagnostics;
using ClickBatch.Errors;
using ClickBatch.Parquet;
using CommandLine;

namespace ClickBatch.Cli;

/// <summary>Hidden: measures decode + Parquet write throughput and peak memory (scripts/bench-decode-write.sh).</summary>
[Verb("bench-decode-write", Hidden = true, HelpText = "Benchmark JSON decode + Parquet write over generated clicks.")]
public sealed class BenchDecodeWriteVerb : IVerb
{
    /// <summary>Generated click records to process. Default 1,000,000.</summary>
    [Option("records", Default = 1_000_000L, HelpText = "Number of generated click records.")]
    public long Records { get; set; } = 1_000_000L;

    /// <summary>Staging directory for the Parquet files; removed afterwards unless --keep. Default: a new temp folder.</summary>
    [Option("out", HelpText = "Output directory (default: a new temp folder, deleted afterwards).")]
    public string? Output { get; set; }

    [Option("decode-only", HelpText = "Decode without writing Parquet (the parse share of the cost).")]
    public bool DecodeOnly { get; set; }

    /// <summary>zstd level. Default 3.</summary>
    [Option("zstd-level", Default = 3, HelpText = "zstd compression level.")]
    public int ZstdLevel { get; set; } = 3;

    [Option("keep", HelpText = "Keep the written files.")]
    public bool Keep { get; set; }

    /// <summary>Row group size in rows. Default 131072.</summary>
    [Option("row-group-rows", Default = 128 * 1024, HelpText = "Rows per row group.")]
    public int RowGroupRows { get; set; } = 128 * 1024;

    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        if (Records < 1)
        {
            throw new ConfigurationException("--records must be at least 1, found " + Records);
        }

        var output = Output ?? Path.Combine(Path.GetTempPath(), "clickbatch-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new FileWriterOptions { RowGroupRows = RowGroupRows, ZstdLevel = ZstdLevel };
            var result = DecodeOnly
                ? DecodeWriteBenchmark.RunDecodeOnly(Records, context.Clock, cancellationToken)
                : await DecodeWriteBenchmark.RunAsync(Records, output, options, context.Clock, cancellationToken).ConfigureAwait(false);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(result)).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        finally
        {
            if (!Keep && Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
