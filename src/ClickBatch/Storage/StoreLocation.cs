using System.Text.RegularExpressions;
using ClickBatch.Errors;

namespace ClickBatch.Storage;

/// <summary>
/// The one check of a lake or table location before anything opens it (issue 13): a local path, <c>file:///path</c> or
/// <c>s3://bucket[/prefix]</c>. Anything that looks like a URI but is none of these (<c>s3:/bucket</c>, <c>s3://</c>,
/// <c>s3a://b</c>) is refused: taken as a relative path it would silently land the data in a local folder named
/// <c>s3:</c>.
/// </summary>
public static partial class StoreLocation
{
    private const string Expected = "expected a local path, file:///absolute/path or s3://bucket/prefix";

    /// <summary>Why <paramref name="location"/> cannot be opened, or null when it can.</summary>
    public static string? Problem(string location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            return "the location is empty; " + Expected + ".";
        }

        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return S3Problem(location);
        }

        if (location.StartsWith("file://", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var file) && file.IsFile && file.LocalPath.Length > 1
                ? FileProblem(location, file.LocalPath)
                : "'" + location + "' is not a valid file URI; " + Expected + ".";
        }

        return SchemeLike().Match(location) is { Success: true } scheme
            ? "'" + location + "' looks like a URI (" + scheme.Value + ") but is not one ClickBatch can open; " + Expected
                + " (two slashes after s3:). A relative folder whose name holds a colon can be given as ./" + location + "."
            : FileProblem(location, location);
    }

    /// <summary>A local location that is an existing file, not a folder (issue 18: status said "not landed yet" and exited 0).</summary>
    private static string? FileProblem(string location, string path) => File.Exists(path.TrimEnd('/'))
        ? "'" + location + "' is a file, not a folder; expected the lake's folder (where 'clickbatch run' writes its tables) or s3://bucket/prefix."
        : null;

    /// <summary>The problem of a verb's <c>--lake</c> value (missing or not openable), or null; for the verb's one list of problems.</summary>
    public static string? LakeProblem(string? lake) => string.IsNullOrWhiteSpace(lake)
        ? "--lake is required: the lake root, a local folder or s3://bucket/prefix."
        : Problem(lake) is { } problem ? "--lake " + problem : null;

    /// <summary>Throws a <see cref="ConfigurationException"/> (exit 2) with <see cref="Problem"/> when there is one.</summary>
    public static void Ensure(string location)
    {
        if (Problem(location) is { } problem)
        {
            throw new ConfigurationException(problem);
        }
    }

    private static string? S3Problem(string location)
    {
        var rest = location["s3://".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0)
        {
            return "'" + location + "' names no bucket; expected s3://bucket or s3://bucket/prefix.";
        }

        return BucketName().IsMatch(bucket) && !bucket.Contains("..", StringComparison.Ordinal)
            ? null
            : "'" + location + "': '" + bucket + "' is not a valid S3 bucket name (3-63 lower-case letters, digits, '.' or '-', "
                + "starting and ending with a letter or digit).";
    }

    /// <summary>A scheme of two or more characters and its colon (one letter is a Windows drive, e.g. C:).</summary>
    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]+:", RegexOptions.CultureInvariant)]
    private static partial Regex SchemeLike();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex BucketName();
}
