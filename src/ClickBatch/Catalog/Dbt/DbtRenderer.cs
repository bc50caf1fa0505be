using System.ComponentModel;
using System.Diagnostics;

namespace ClickBatch.Catalog.Dbt;

/// <summary>
/// Runs <c>scripts/dbt_render.py</c> (Python 3 and Jinja2, no dbt) to turn the project in <c>dbt/</c> into plain
/// SQL that DuckDB executes: the local stand-in for <c>dbt compile</c> (issue 7).
/// </summary>
public static class DbtRenderer
{
    /// <summary>The renderer's path relative to the repository root.</summary>
    public const string ScriptPath = "scripts/dbt_render.py";

    /// <summary>
    /// The renderer found by walking up from <paramref name="start"/> to a folder holding both
    /// <c>scripts/dbt_render.py</c> and <c>dbt/dbt_project.yml</c>; null when there is none (e.g. an installed binary).
    /// </summary>
    public static string? FindScript(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, ScriptPath);
            if (File.Exists(script) && File.Exists(Path.Combine(folder.FullName, "dbt", "dbt_project.yml")))
            {
                return script;
            }
        }

        return null;
    }

    /// <summary>Renders the project; <paramref name="incremental"/> makes <c>is_incremental()</c> true for incremental models.</summary>
    public static async Task<DbtRendering> RenderAsync(string script, bool incremental, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        if (incremental)
        {
            start.ArgumentList.Add("--incremental");
        }

        var (exitCode, stdout, stderr) = await RunAsync(start, cancellationToken);
        if (exitCode != 0)
        {
            throw new DbtRenderException($"Expected {script} to render the dbt project, but it exited with code {exitCode}: {stderr.Trim()} "
                + "It needs python3 with Jinja2 3.1 (python3 -m pip install 'jinja2>=3.1').").With("Script", script);
        }

        return DbtRendering.Parse(stdout);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DbtRenderException("python3 could not be started.");
        }
        catch (Win32Exception error)
        {
            throw new DbtRenderException($"Expected python3 on PATH to run {ScriptPath}, but it could not be started ({error.Message}). "
                + "Install Python 3 with Jinja2 3.1.", error);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
