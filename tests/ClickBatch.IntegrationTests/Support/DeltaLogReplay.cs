using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// The tests' own reading of a local Delta table's active files, independent of the product's DeltaLog: replays the
/// JSON commits <c>_delta_log/NNNNNNNNNNNNNNNNNNNN.json</c> in version order, adding and removing files by path
/// (PROTOCOL.md "Action Reconciliation"). Checkpoints are ignored: the tests' tables keep every JSON commit (log
/// cleanup only removes logs older than 30 days), so a gap in the versions is a failure, not something to fill in.
/// </summary>
public static partial class DeltaLogReplay
{
    /// <summary>Local paths of the files the latest version holds; empty when the table has no log.</summary>
    public static List<string> ActiveFiles(string tableUri)
    {
        var root = LocalPath(tableUri);
        var log = Path.Combine(root, "_delta_log");
        var commits = Directory.Exists(log) ? Commits(log) : [];
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, file) in commits)
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                using var action = JsonDocument.Parse(line);
                Apply(action.RootElement, root, active);
            }
        }

        return [.. active.Values];
    }

    private static List<(long Version, string File)> Commits(string log)
    {
        var commits = Directory.EnumerateFiles(log)
            .Select(f => (Match: CommitName().Match(Path.GetFileName(f)), File: f))
            .Where(c => c.Match.Success)
            .Select(c => (Version: long.Parse(c.Match.Groups[1].Value, CultureInfo.InvariantCulture), c.File))
            .OrderBy(c => c.Version)
            .ToList();
        for (var i = 0; i < commits.Count; i++)
        {
            commits[i].Version.ShouldBe(i, $"the JSON commits of {log} should run 0, 1, 2, ... without a gap; found {string.Join(", ", commits.Select(c => c.Version))}");
        }

        return commits;
    }

    private static void Apply(JsonElement action, string root, Dictionary<string, string> active)
    {
        if (action.TryGetProperty("add", out var add))
        {
            var path = Uri.UnescapeDataString(add.GetProperty("path").GetString()!);
            active[path] = Resolve(root, path);
        }
        else if (action.TryGetProperty("remove", out var remove))
        {
            active.Remove(Uri.UnescapeDataString(remove.GetProperty("path").GetString()!));
        }
    }

    /// <summary>A path relative to the table, or an absolute file URI.</summary>
    private static string Resolve(string root, string path) =>
        path.StartsWith("file:", StringComparison.Ordinal) ? new Uri(path).LocalPath : Path.Combine(root, path);

    private static string LocalPath(string tableUri) =>
        tableUri.StartsWith("file:", StringComparison.Ordinal) ? new Uri(tableUri).LocalPath : tableUri;

    [GeneratedRegex(@"^(\d{20})\.json$")]
    private static partial Regex CommitName();
}
