using ClickBatch.Diagnostics;

namespace ClickBatch.Cli;

/// <summary>
/// The global <c>--log-format text|json</c> flag, taken out of the arguments before the verb's own are parsed (every
/// verb accepts it, anywhere on the line).
/// </summary>
internal static class LogFormats
{
    public const string Flag = "log-format";

    /// <summary>Removes the flag and its value from <paramref name="args"/>; null when it is not there.</summary>
    public static (LogFormat Format, string? Problem)? Extract(ref string[] args)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            string? value;
            if (list[i] == "--" + Flag)
            {
                value = i + 1 < list.Count ? list[i + 1] : null;
                list.RemoveRange(i, value is null ? 1 : 2);
            }
            else if (list[i].StartsWith("--" + Flag + "=", StringComparison.Ordinal))
            {
                value = list[i][(Flag.Length + 3)..];
                list.RemoveAt(i);
            }
            else
            {
                continue;
            }

            args = [.. list];
            return value?.ToLowerInvariant() switch
            {
                "text" => (LogFormat.Text, null),
                "json" => (LogFormat.Json, null),
                _ => (LogFormat.Json, "--log-format takes text or json, got " + (value is null ? "nothing" : "'" + value + "'") + "."),
            };
        }

        return null;
    }
}
