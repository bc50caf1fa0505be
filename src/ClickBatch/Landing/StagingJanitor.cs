using System.Globalization;

namespace ClickBatch.Landing;

/// <summary>
/// Removes staging folders left by runs that were killed (their files were never committed, so nothing references
/// them). Run ids start with their start time (<c>20261123T020000Z-1a2b3c4d</c>); only folders of runs that started
/// more than <see cref="MaxRunAge"/> ago are removed, so a run still going is never touched. Folders that are not
/// run ids are left alone.
/// </summary>
public static class StagingJanitor
{
    /// <summary>Older than any daily run could still be going.</summary>
    public static readonly TimeSpan MaxRunAge = TimeSpan.FromHours(48);

    /// <summary>Deletes stale run folders under <paramref name="stagingDirectory"/>; returns how many.</summary>
    public static int RemoveStale(string stagingDirectory, DateTimeOffset now)
    {
        if (!Directory.Exists(stagingDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(stagingDirectory))
        {
            if (StartOf(Path.GetFileName(folder)) is { } started && now - started > MaxRunAge)
            {
                Directory.Delete(folder, recursive: true);
                removed++;
            }
        }

        return removed;
    }

    private static DateTimeOffset? StartOf(string runId) =>
        runId.Length > 16 && DateTimeOffset.TryParseExact(runId[..16], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var started) ? started : null;
}
