using System.Globalization;
using ClickBatch.Delta.Actions;

namespace ClickBatch.Delta.Checkpoints;

/// <summary>delta.checkpointInterval (commits between checkpoints, default 10) and delta.deletedFileRetentionDuration.</summary>
public static class CheckpointPolicy
{
    public const int DefaultInterval = 10;
    public static readonly TimeSpan DefaultTombstoneRetention = TimeSpan.FromDays(7);

    public static int Interval(MetadataAction metadata) =>
        metadata.Configuration.GetValueOrDefault("delta.checkpointInterval") is { } text
        && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval) && interval > 0
            ? interval
            : DefaultInterval;

    public static TimeSpan TombstoneRetention(MetadataAction metadata) =>
        DeltaInterval.ParseOrDefault(metadata.Configuration.GetValueOrDefault("delta.deletedFileRetentionDuration"), DefaultTombstoneRetention);
}
