using System.Diagnostics;
using ClickBatch.Catalog.Dbt;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Dbt;

/// <summary><c>scripts/dbt_render.py</c> on the project in <c>dbt/</c>: what it renders and how it fails.</summary>
public sealed class DbtRendererTests
{
    [Fact]
    public async Task RenderAsync_Project_ModelsInDependencyOrderWithTheirMaterializations()
    {
        var rendering = await DbtWorkbench.RenderAsync(incremental: false);

        var order = rendering.Models.Select(m => m.Name).ToList();
        order.IndexOf("stg_clicks").ShouldBeLessThan(order.IndexOf("attributed_checkouts"));
        order.IndexOf("stg_checkouts").ShouldBeLessThan(order.IndexOf("attributed_checkouts"));
        order.IndexOf("attributed_checkouts").ShouldBeLessThan(order.IndexOf("fct_checkout_attribution"));
        rendering.Model("stg_clicks").Materialized.ShouldBe("view");
        rendering.Model("attributed_checkouts").Materialized.ShouldBe("incremental");
        rendering.Model("attributed_checkouts").UniqueKey.ShouldBe("checkout_id");
        rendering.Model("stg_clicks").Sql.ShouldContain("from \"clickbatch\".\"clicks\"");
        rendering.Model("attributed_checkouts").Sql.ShouldContain("interval '60 minutes'");
        rendering.Model("attributed_checkouts").Sql.ShouldNotContain("{{");
    }

    [Fact]
    public async Task RenderAsync_Incremental_OnlyTheIncrementalRenderingReadsThisForTheLookback()
    {
        var full = await DbtWorkbench.RenderAsync(incremental: false);
        var incremental = await DbtWorkbench.RenderAsync(incremental: true);

        full.Model("attributed_checkouts").Sql.ShouldNotContain("\"main\".\"attributed_checkouts\"");
        incremental.Model("attributed_checkouts").Sql.ShouldContain("from \"main\".\"attributed_checkouts\"");
        incremental.Model("attributed_checkouts").Sql.ShouldContain("interval '2 days'");
        incremental.Model("stg_clicks").Sql.ShouldBe(full.Model("stg_clicks").Sql);
    }

    [Fact]
    public async Task RenderAsync_SchemaYaml_EveryDeclaredTestBecomesAQuery()
    {
        var tests = (await DbtWorkbench.RenderAsync(incremental: false)).Tests.ToDictionary(t => t.Name, StringComparer.Ordinal);

        tests["unique_stg_clicks_click_id"].Sql.ShouldContain("having count(*) > 1");
        tests["not_null_stg_checkouts_checked_out_at"].Sql.ShouldContain("checked_out_at is null");
        tests["relationships_attributed_checkouts_attributed_click_id"].Sql.ShouldContain("left join \"main\".\"stg_clicks\"");
        tests["source_clickbatch_not_null_clicks_click_id"].Sql.ShouldContain("\"clickbatch\".\"clicks\"");
        tests["assert_no_earlier_eligible_click"].Kind.ShouldBe("singular");
    }

    [Fact]
    public async Task RenderAsync_ScriptFails_ThrowsWithTheRenderersMessage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".py");

        var error = await Should.ThrowAsync<DbtRenderException>(() => DbtRenderer.RenderAsync(missing, incremental: false, CancellationToken.None));

        error.Message.ShouldContain(missing);
        error.Message.ShouldContain("Jinja2");
    }

    [Fact]
    public async Task Script_WithoutJinja2_ExitsTwoSayingWhatToInstall()
    {
        var (exitCode, _, stderr) = await RunWithShadowedModuleAsync("jinja2");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("needs Jinja2 3.1");
    }

    [Fact]
    public async Task Script_WithoutPyYaml_RendersTheSameWithTheBundledReader()
    {
        var (exitCode, stdout, stderr) = await RunWithShadowedModuleAsync("yaml");

        exitCode.ShouldBe(0, stderr);
        var withPyYaml = await DbtWorkbench.RenderAsync(incremental: false);
        var withoutPyYaml = DbtRendering.Parse(stdout);
        withoutPyYaml.Models.ShouldBe(withPyYaml.Models);
        withoutPyYaml.Tests.ShouldBe(withPyYaml.Tests);
    }

    /// <summary>Runs the script with <paramref name="module"/> replaced by one that fails to import.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunWithShadowedModuleAsync(string module)
    {
        var shadow = Directory.CreateTempSubdirectory("dbt-render-shadow-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(shadow.FullName, module + ".py"), "raise ImportError('hidden by the test')\n");
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(DbtWorkbench.Script);
            start.Environment["PYTHONPATH"] = shadow.FullName;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await stdout, await stderr);
        }
        finally
        {
            shadow.Delete(recursive: true);
        }
    }
}
