using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickBatch.Delta.Log;

/// <summary>A commit or checkpoint file of the log, recognised by its name; other names (crc, compacted, temp) are not.</summary>
public sealed partial record LogFile(string Key, long Version, LogFileKind Kind, int Part, int Parts, long Size)
{
    public const string LogPrefix = "_delta_log/";

    /// <summary>True for Parquet checkpoint files; false for commits and JSON V2 checkpoints.</summary>
    public bool IsParquet => Key.EndsWith(".parquet", StringComparison.Ordinal);

    public static string CommitKey(long version) => LogPrefix + FormatVersion(version) + ".json";

    public static string ClassicCheckpointKey(long version) => LogPrefix + FormatVersion(version) + ".checkpoint.parquet";

    public static string FormatVersion(long version) => version.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>Recognises a key directly under <c>_delta_log/</c>; returns null for anything else.</summary>
    public static LogFile? TryParse(string key, long size)
    {
        if (!key.StartsWith(LogPrefix, StringComparison.Ordinal) || key.IndexOf('/', LogPrefix.Length) >= 0)
        {
            return null;
        }

        var match = FileNamePattern().Match(key[LogPrefix.Length..]);
        if (!match.Success)
        {
            return null;
        }

        var version = long.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
        return match.Groups["json"].Success ? new LogFile(key, version, LogFileKind.Commit, 1, 1, size)
            : match.Groups["parts"].Success ? new LogFile(key, version, LogFileKind.MultiPartCheckpoint,
                int.Parse(match.Groups["part"].Value, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["parts"].Value, CultureInfo.InvariantCulture), size)
            : match.Groups["uuid"].Success ? new LogFile(key, version, LogFileKind.UuidCheckpoint, 1, 1, size)
            : new LogFile(key, version, LogFileKind.ClassicCheckpoint, 1, 1, size);
    }

    [GeneratedRegex(@"^(?<version>\d{20})\.(?:(?<json>json)|checkpoint\.(?:parquet|(?<part>\d{10})\.(?<parts>\d{10})\.parquet|(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.(?:json|parquet)))$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
