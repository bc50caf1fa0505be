using System.Text.RegularExpressions;

namespace ClickBatch.Tests.Architecture.Support;

/// <summary>
/// The ClickBatch namespaces each source file imports with a using directive. Complements the IL scan: a constant
/// (an exit code) is copied into the IL of the code that uses it, so only the using line shows that import.
/// </summary>
internal static partial class SourceImportScanner
{
    /// <returns>Per file (as "namespace.&lt;file_cs&gt;"), the imported namespaces (as "namespace.*").</returns>
    public static IReadOnlyDictionary<string, ISet<string>> Scan(string sourceFolder)
    {
        var result = new Dictionary<string, ISet<string>>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(sourceFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is { Success: true } ns)
            {
                // The file name without its dots: "ClickBatch.Delta.<PartitionPath_cs>" is a type of folder Delta.
                result[ns.Groups[1].Value + ".<" + Path.GetFileName(file).Replace('.', '_') + ">"] =
                    Using().Matches(text).Select(u => u.Groups[1].Value + ".*").ToHashSet(StringComparer.Ordinal);
            }
        }

        return result;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(ClickBatch(?:\.\w+)+)", RegexOptions.Multiline)]
    private static partial Regex Using();
}
