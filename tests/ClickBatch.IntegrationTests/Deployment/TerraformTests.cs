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
        var names = Local("environment").ToString() + Local("redshift_environment") + Local("secrets");
        var variables = System.Text.RegularExpressions.Regex.Matches(names, "CLICKBATCH_[A-Z0-9_]+").Select(m => m.Value).Distinct().ToList();

        variables.ShouldNotBeEmpty();
        foreach (var variable in variables)
        {
            var environment = new Dictionary<string, string> { [variable] = variable.EndsWith("MIB", StringComparison.Ordinal) ? "3072" : "SASL_SSL" };
            Should.NotThrow(() => OptionsLoader.Load(null, environment, new Dictionary<string, string?>()), variable);
        }

        variables.ShouldContain("CLICKBATCH_KAFKA__SASLPASSWORD");
    }

    [Fact]
    public void RedshiftEnvironment_OnlyWhenEnabled_EachNameBindsItsOwnRedshiftOption()
    {
        var expression = Local("redshift_environment").GetString()!;
        var names = System.Text.RegularExpressions.Regex.Matches(expression, "CLICKBATCH_CATALOG__REDSHIFT__([A-Z]+)").Select(m => m.Groups[1].Value).ToList();

        Local("environment").GetString()!.ShouldContain("local.redshift_environment");
        expression.ShouldContain("if var.enable_redshift_check && setting.value != \"\"");
        names.ShouldBe(["WORKGROUPNAME", "CLUSTERIDENTIFIER", "DATABASE", "DBUSER", "SECRETARN", "IAMROLE", "EXTERNALSCHEMA"], ignoreOrder: true);
        foreach (var name in names)
        {
            var environment = new Dictionary<string, string> { ["CLICKBATCH_CATALOG__REDSHIFT__" + name] = "value-of-" + name };
            var redshift = OptionsLoader.Load(null, environment, new Dictionary<string, string?>()).Catalog.Redshift.ShouldNotBeNull(name);
            var property = typeof(RedshiftOptions).GetProperties().Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            property.GetValue(redshift).ShouldBe("value-of-" + name);
        }
    }

    [Fact]
    public void TaskPolicy_RedshiftCheck_GrantsEveryDataApiCallTheClientMakes()
    {
        var policy = Parsed.Value.RootElement.GetProperty("iam.tf").GetProperty("data").GetProperty("aws_iam_policy_document").GetProperty("task")[0].ToString();
        var client = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "ClickBatch", "Catalog", "Redshift", "RedshiftDataClient.cs"));
        var operations = System.Text.RegularExpressions.Regex.Matches(client, @"SendAsync<[^>]+>\(""(\w+)""").Select(m => m.Groups[1].Value).Distinct().ToList();

        operations.ShouldBe(["ExecuteStatement", "GetStatementResult", "DescribeStatement", "CancelStatement"], ignoreOrder: true);
        foreach (var operation in operations)
        {
            policy.ShouldContain("\"redshift-data:" + operation + "\"");
        }

        policy.ShouldContain("\"redshift:GetClusterCredentials\"");
        policy.ShouldContain("\"redshift-serverless:GetCredentials\"");
        policy.ShouldContain("\"secretsmanager:GetSecretValue\"");
    }

    [Fact]
    public void Schedule_StartsTaskCountTasks_WhichShareThePartitionsThroughTheGroupWhenMoreThanOne()
    {
        var target = Parsed.Value.RootElement.GetProperty("schedule.tf").GetProperty("resource").GetProperty("aws_scheduler_schedule")
            .GetProperty("daily")[0].GetProperty("target")[0];
        var variable = Parsed.Value.RootElement.GetProperty("variables.tf").GetProperty("variable").GetProperty("task_count")[0];
        var environment = Local("environment").ToString();

        target.GetProperty("ecs_parameters")[0].GetProperty("task_count").GetString().ShouldBe("${var.task_count}");
        variable.GetProperty("default").GetInt32().ShouldBe(1);
        environment.ShouldContain("CLICKBATCH_RUN__ASSIGNMENT");
        environment.ShouldContain("var.task_count > 1 ? \"group\" : \"all\"");
        foreach (var value in new[] { "group", "all" })
        {
            var options = OptionsLoader.Load(null, new Dictionary<string, string> { ["CLICKBATCH_RUN__ASSIGNMENT"] = value }, new Dictionary<string, string?>());
            options.Run.Assignment.ShouldBe(value);
        }
    }

    /// <summary>
    /// Issue 18: the alarms on rejects and lag read metrics the job really emits: each names the namespace, a metric name
    /// and the dimensions of the EMF lines EmfWriter writes (checked against a real run's lines, not a copied list).
    /// </summary>
    [Fact]
    public void MetricAlarms_RejectsAndLag_NameMetricsAndDimensionsTheRunEmits()
    {
        var report = new ClickBatch.Ledger.RunReport
        {
            RunId = "r", JobId = "clickbatch", Operation = "run", StartedAt = DateTimeOffset.UnixEpoch, EndedAt = DateTimeOffset.UnixEpoch, ExitCode = 0,
            Topics = [new ClickBatch.Ledger.TopicReport { Topic = "clicks", Table = "t", RejectsTable = "r" }],
        };
        using var topicLine = JsonDocument.Parse(ClickBatch.Metrics.EmfWriter.Lines(ClickBatch.Metrics.RunMetrics.From(report))[1]);
        var directive = topicLine.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        var emitted = directive.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()).ToHashSet();
        var dimensions = directive.GetProperty("Dimensions")[0].EnumerateArray().Select(d => d.GetString()!).Order().ToList();
        var monitoring = Parsed.Value.RootElement.GetProperty("monitoring.tf");
        monitoring.GetProperty("locals").EnumerateArray().Single(l => l.TryGetProperty("job_id", out _)).GetProperty("job_id").GetString().ShouldBe(report.JobId);
        var alarms = monitoring.GetProperty("resource").GetProperty("aws_cloudwatch_metric_alarm");
        var metrics = new List<JsonElement>();
        foreach (var name in new[] { "reject_ratio", "lag_at_end", "lag_at_start" })
        {
            var alarm = alarms.GetProperty(name)[0];
            alarm.GetProperty("for_each").GetString().ShouldBe("${toset(var.topics)}");
            metrics.AddRange(alarm.TryGetProperty("metric_query", out var queries)
                ? queries.EnumerateArray().Where(q => q.TryGetProperty("metric", out _)).Select(q => q.GetProperty("metric")[0])
                : [alarm]);
        }

        metrics.Count.ShouldBe(4);
        foreach (var metric in metrics)
        {
            metric.GetProperty("namespace").GetString().ShouldBe(ClickBatch.Metrics.EmfWriter.Namespace);
            emitted.ShouldContain(metric.GetProperty("metric_name").GetString());
            metric.GetProperty("dimensions").EnumerateObject().Select(d => d.Name).Order().ToList().ShouldBe(dimensions);
        }
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
