using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Parquet;

namespace ClickBatch.Diagnostics;

/// <summary>
/// Measures decode + Parquet write of generated click JSON (docs/benchmarks.md). The input is a pool of distinct
/// records cycled with increasing offsets, so the input itself adds almost nothing to memory: peak RSS is the
/// pipeline's. Not used by the product; timing goes through the injected clock.
/// </summary>
public static class DecodeWriteBenchmark
{
    private const int PoolSize = 20_000;

    /// <summary>Decode only (no Parquet): the parse share of the cost.</summary>
    public static DecodeWriteBenchmarkResult RunDecodeOnly(long records, TimeProvider clock, CancellationToken cancellationToken)
    {
        var pool = CreatePool(PoolSize);
        var decoder = new RecordDecoder(BuiltInSchemas.Clicks, new DecoderOptions("bench", clock.GetUtcNow()));
        var cpuStart = CpuTime();
        var started = clock.GetTimestamp();
        long rows = 0;
        for (long offset = 0; offset < records; offset++)
        {
            rows += decoder.TryDecode(new RawRecord("clicks", (int)(offset % 6), offset, 1_704_412_800_000 + offset, null, pool[(int)(offset % PoolSize)])) ? 1 : 0;
            if ((offset & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return Result(records, rows, clock.GetElapsedTime(started), CpuTime() - cpuStart, 0, 0);
    }

    public static async Task<DecodeWriteBenchmarkResult> RunAsync(
        long records, string stagingDirectory, FileWriterOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var pool = CreatePool(PoolSize);
        var cpuStart = CpuTime();
        var decoderOptions = new DecoderOptions("bench", clock.GetUtcNow());
        var started = clock.GetTimestamp();
        TopicFileSinkResult result;
        await using (var sink = new TopicFileSink(BuiltInSchemas.Clicks, decoderOptions,
            Path.Combine(stagingDirectory, "clicks"), Path.Combine(stagingDirectory, "clicks_rejects"), options))
        {
            for (long offset = 0; offset < records; offset++)
            {
                var value = pool[(int)(offset % PoolSize)];
                sink.Add(new RawRecord("clicks", (int)(offset % 6), offset, 1_704_412_800_000 + offset, null, value));
                if ((offset & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            result = await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var files = result.DataFiles.Concat(result.RejectFiles).ToList();
        return Result(result.RecordsIn, result.Rows, clock.GetElapsedTime(started), CpuTime() - cpuStart, files.Count, files.Sum(f => f.SizeBytes));
    }

    private static DecodeWriteBenchmarkResult Result(long records, long rows, TimeSpan elapsed, TimeSpan cpu, int files, long bytes)
    {
        using var process = Process.GetCurrentProcess();
        return new DecodeWriteBenchmarkResult(records, rows, records - rows, elapsed, records / elapsed.TotalSeconds,
            cpu, records / cpu.TotalSeconds, process.PeakWorkingSet64, files, bytes);
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>Click JSON shaped like the seed data: ids, a product, a price, a URL, a user agent, an IP, a timestamp.</summary>
    internal static byte[][] CreatePool(int size)
    {
        var random = new Random(20240105);
        string[] products = ["Wireless Mouse", "USB-C Hub", "Mechanical Keyboard", "27\" Monitor", "Laptop Stand", "Webcam 1080p"];
        string[] agents =
        [
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
            "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
        ];
        var start = new DateTime(2024, 1, 5, 0, 0, 0, DateTimeKind.Utc);
        return Enumerable.Range(0, size).Select(i =>
        {
            var productId = random.Next(1000);
            var occurred = start.AddMilliseconds(random.NextDouble() * 2 * 86_400_000);
            var json = string.Create(CultureInfo.InvariantCulture,
                $"{{\"click_id\":\"{Guid.NewGuid()}\",\"user_id\":{random.Next(1, 1_000_000)},\"product_id\":\"P{productId:D5}\","
                + $"\"product\":\"{products[productId % products.Length].Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"price\":{random.Next(100, 100_000) / 100.0},"
                + $"\"url\":\"https://shop.example.com/products/P{productId:D5}?ref=campaign-{random.Next(50)}\","
                + $"\"user_agent\":\"{agents[random.Next(agents.Length)]}\",\"ip_address\":\"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}\","
                + $"\"datetime_occured\":\"{occurred:yyyy-MM-dd HH:mm:ss.fff}\"}}");
            return Encoding.UTF8.GetBytes(json);
        }).ToArray();
    }
}
