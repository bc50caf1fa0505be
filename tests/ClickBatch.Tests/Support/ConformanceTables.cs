using System.Text.Json;

namespace ClickBatch.Tests.Support;

/// <summary>
/// Locates tests/data/delta-conformance (real tables of other engines, carried by the repository; see its README)
/// relative to the repository root (the folder holding ClickBatch.sln).
/// A missing folder fails the tests that need it; it never skips them.
/// </summary>
public static class ConformanceTables
{
    public static string Root => Path.Combine(RepositoryRoot.Path, "tests", "data", "delta-conformance");

    public static string ExpectedJsonPath => Path.Combine(Root, "expected.json");

    public static string TablePath(string name) => Path.Combine(Root, name, "delta");

    /// <summary>Every entry of expected.json by name; a single "expected.json missing" entry when it is absent, so the theory fails.</summary>
    public static IEnumerable<object[]> Names()
    {
        if (!File.Exists(ExpectedJsonPath))
        {
            return [["<expected.json missing at " + ExpectedJsonPath + ">"]];
        }

        using var doc = JsonDocument.Parse(File.ReadAllText(ExpectedJsonPath));
        return doc.RootElement.EnumerateArray().Select(e => new object[] { e.GetProperty("name").GetString()! }).ToList();
    }

    public static JsonElement Expected(string name)
    {
        File.Exists(ExpectedJsonPath).ShouldBeTrue("the conformance tables must be present at " + ExpectedJsonPath);
        using var doc = JsonDocument.Parse(File.ReadAllText(ExpectedJsonPath));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name).Clone();
    }
}
