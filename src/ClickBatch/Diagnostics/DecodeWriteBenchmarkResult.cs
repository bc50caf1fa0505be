namespace ClickBatch.Diagnostics;

/// <summary>Figures of one <see cref="DecodeWriteBenchmark"/> run.</summary>
public sealed record DecodeWriteBenchmarkResult(
    long Records, long Rows, long Rejects, TimeSpan Elapsed, double RecordsPerSecond,
    TimeSpan CpuTime, double RecordsPerCpuSecond, long PeakRssBytes, int Files, long OutputBytes);
