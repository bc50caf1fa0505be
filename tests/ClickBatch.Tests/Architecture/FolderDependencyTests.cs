using ClickBatch.Cli;
using ClickBatch.Tests.Architecture.Support;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Architecture;

/// <summary>
/// The top-level folders of src/ClickBatch are the pipeline's stages (docs/architecture.md); imports between them
/// flow one way, from the CLI down to the errors every stage raises (issue 14). Checked on the compiled assembly's
/// IL, so a type used without a using line (same parent namespace, a fully qualified name) counts too, and on the
/// source's using lines, so an import of constants alone (inlined into the IL) counts as well.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>From the top down: a folder may use only folders listed after it.</summary>
    private static readonly string[] Layers =
    [
        "Cli",
        "Jobs",
        "Metrics",
        "Diagnostics",
        "Configuration",
        "Generation",
        "Ledger",
        "Catalog",
        "Landing",
        "Parquet",
        "Decoding",
        "Kafka",
        "Delta",
        "Storage",
        "Aws",
        "Errors",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, ISet<string>>> References = new(() =>
        TypeReferenceScanner.Scan(typeof(ClickBatchCli).Assembly.Location)
            .Concat(SourceImportScanner.Scan(Path.Combine(RepositoryRoot.Path, "src", "ClickBatch")))
            .ToDictionary());

    private static readonly Lazy<FolderGraph> Graph = new(() => FolderGraph.Build(References.Value, TopLevelFolder));

    [Fact]
    public void TopLevelFolders_Imports_HaveNoCycle()
    {
        var cycles = Graph.Value.Cycles();

        cycles.ShouldBeEmpty(string.Join(Environment.NewLine, cycles.Select(c => Describe(Graph.Value, c))));
    }

    [Fact]
    public void SubFolders_WithinEachTopLevelFolder_HaveNoCycle()
    {
        var graph = FolderGraph.Build(References.Value, SubFolder);
        var cycles = graph.Cycles();

        cycles.ShouldBeEmpty(string.Join(Environment.NewLine, cycles.Select(c => Describe(graph, c))));
    }

    [Fact]
    public void TopLevelFolders_Imports_FlowDownTheLayers()
    {
        var upward = Graph.Value.Edges
            .Where(e => Array.IndexOf(Layers, e.From) > Array.IndexOf(Layers, e.To))
            .Select(e => $"{e.From} -> {e.To}: {string.Join(", ", e.Why.Take(3))}")
            .ToList();

        upward.ShouldBeEmpty("imports against the layer order " + string.Join(" > ", Layers) + ":" + Environment.NewLine
            + string.Join(Environment.NewLine, upward));
    }

    [Fact]
    public void TopLevelFolders_EachOne_HasAPlaceInTheLayers()
    {
        Graph.Value.Folders.Except(Layers).ShouldBeEmpty("a new top-level folder needs a place in Layers and in docs/architecture.md");
    }

    [Fact]
    public void FolderGraph_LoopBetweenTwoFolders_IsFound()
    {
        var references = new Dictionary<string, ISet<string>>
        {
            ["ClickBatch.Errors.A"] = new HashSet<string> { "ClickBatch.Cli.B" },
            ["ClickBatch.Cli.B"] = new HashSet<string> { "ClickBatch.Errors.A" },
            ["ClickBatch.Kafka.C"] = new HashSet<string> { "ClickBatch.Errors.A" },
        };

        var cycles = FolderGraph.Build(references, TopLevelFolder).Cycles();

        cycles.Count.ShouldBe(1);
        cycles[0].ShouldBe(["Cli", "Errors"]);
    }

    /// <summary>ClickBatch.Kafka.Local.X is in Kafka; types outside ClickBatch's namespaces (generated code) and
    /// the root (Program) are in none.</summary>
    private static string? TopLevelFolder(string fullName)
    {
        var parts = fullName.Split('.');
        return parts.Length >= 3 && parts[0] == "ClickBatch" ? parts[1] : null;
    }

    /// <summary>ClickBatch.Delta.Writing.X is in Delta/Writing, ClickBatch.Delta.X in Delta. With no loop between
    /// top-level folders, a loop here lies inside one of them.</summary>
    private static string? SubFolder(string fullName)
    {
        var parts = fullName.Split('.');
        return parts.Length switch
        {
            < 3 => null,
            _ when parts[0] != "ClickBatch" => null,
            3 => parts[1],
            _ => parts[1] + "/" + parts[2],
        };
    }

    private static string Describe(FolderGraph graph, IReadOnlyList<string> cycle) =>
        "loop between " + string.Join(", ", cycle) + ": " + string.Join("; ",
            from a in cycle
            from b in cycle
            let why = graph.Why(a, b)
            where why.Count > 0
            select $"{a} -> {b} ({string.Join(", ", why.Take(2))})");
}
