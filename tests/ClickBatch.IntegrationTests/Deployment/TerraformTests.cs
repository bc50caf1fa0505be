using System.Diagnostics;
using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Configuration;
using ClickBatch.IntegrationTests.Support;
using CommandLine;

namespace ClickBatch.IntegrationTests.Deployment;

/// <summary>
/// Issue 8: terraform cannot run here, so every .tf is parsed with @cdktf/hcl2json (scripts/hcl), and the ECS
/// task's command and environment are checked against the CLI's real verbs, flags and configuration keys.
/// </summary>
public sealed class TerraformTests
{
    private static readonly Lazy<JsonDocument> Parsed = new(ParseTerraform);

    [Fact]
    public void EveryTerraformFile_Parses()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "terraform"), "*.tf").Select(Path.GetFileName);

        Parsed.Value.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(files, ignoreOrder: true);
    }

    [Fact]
    public void TaskCommand_IsARealVerbWithRealFlags()
    {
        var command = Local("run_command").EnumerateArray().Select(e => e.GetString()!).ToList();
        var args = command.Select(a => a.StartsWith("${", StringComparison.Ordinal) ? "value" : a).ToArray();

        using var parser = new Parser(s => s.HelpWriter = null);
        var parsed = parser.ParseArguments(args, typeof(RunVerb));

        parsed.Tag.ShouldBe(ParserResultType.Parsed, string.Join(' ', args));
        command[0].ShouldBe("run");
        command.ShouldContain("--lake");
        command.ShouldContain("--glue-database");
    }

    [Fact]
    public void TaskEnvironmentAndSecrets_AreConfigurationKeysTheJobBinds()
    {
        var names = Local("environment").ToString() + Local("secrets");
        var variables = System.Text.RegularExpressions.Regex.Matches(names, "CLICKBATCH_[A-Z0-9_]+").Select(m => m.Value).Distinct().ToList();

        variables.ShouldNotBeEmpty();
        foreach (var variable in variables)
        {
            var environment = new Dictionary<string, string> { [variable] = "SASL_SSL" };
            Should.NotThrow(() => OptionsLoader.Load(null, environment, new Dictionary<string, string?>()), variable);
        }

        variables.ShouldContain("CLICKBATCH_KAFKA__SASLPASSWORD");
    }

    private static JsonElement Local(string name)
    {
        var locals = Parsed.Value.RootElement.GetProperty("ecs.tf").GetProperty("locals");
        return locals.EnumerateArray().Select(block => block.TryGetProperty(name, out var value) ? value : default)
            .First(v => v.ValueKind != JsonValueKind.Undefined);
    }

    private static JsonDocument ParseTerraform()
    {
        var scripts = Path.Combine(RepositoryRoot.Path, "scripts", "hcl");
        if (!Directory.Exists(Path.Combine(scripts, "node_modules", "@cdktf")))
        {
            throw new InvalidOperationException("@cdktf/hcl2json is not installed: run `npm ci --prefix scripts/hcl` (scripts/test.sh does).");
        }

        var start = new ProcessStartInfo("node", ["check-terraform.mjs", Path.Combine(RepositoryRoot.Path, "terraform")])
        {
            WorkingDirectory = scripts,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEnd();
        node.WaitForExit();
        node.ExitCode.ShouldBe(0, "terraform does not parse: " + stderr);
        return JsonDocument.Parse(stdout.Result);
    }
}
