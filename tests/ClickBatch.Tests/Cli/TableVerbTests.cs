using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

public class TableVerbTests
{
    [Fact]
    public async Task RunAsync_DescribeJson_PrintsOneObjectWithDocumentedKeys()
    {
        var (context, output, _) = Context();
        var verb = new TableVerb { Action = "describe", TableUri = ConformanceTables.TablePath("app-txn-checkpoint"), Json = true };

        var exit = await ClickBatchCli.RunVerbAsync(verb, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Success);
        using var doc = JsonDocument.Parse(output.ToString());
        doc.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(
            ["version", "minReaderVersion", "minWriterVersion", "readerFeatures", "writerFeatures", "partitionColumns",
             "schema", "activeFiles", "rows", "sizeBytes", "transactions"]);
        doc.RootElement.GetProperty("readerFeatures").ValueKind.ShouldBe(JsonValueKind.Null);
        doc.RootElement.GetProperty("transactions").GetProperty("my-app2").GetInt64().ShouldBe(2);
        doc.RootElement.GetProperty("schema")[1].GetProperty("type").GetString().ShouldBe("integer");
    }

    [Fact]
    public async Task RunAsync_ExactRowsOnTableWithoutStats_PrintsNullRowsAndRowsExact()
    {
        var (context, output, _) = Context();
        var verb = new TableVerb { Action = "describe", TableUri = ConformanceTables.TablePath("simple_table"), Json = true, ExactRows = true };

        await ClickBatchCli.RunVerbAsync(verb, context, CancellationToken.None);

        using var doc = JsonDocument.Parse(output.ToString());
        doc.RootElement.GetProperty("rows").ValueKind.ShouldBe(JsonValueKind.Null);
        doc.RootElement.GetProperty("rowsExact").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_BadActionAndNegativeVersion_ReportsBothWithUsageExit()
    {
        var (context, _, error) = Context();
        var verb = new TableVerb { Action = "drop", TableUri = "/tmp/x", Version = -1 };

        var exit = await ClickBatchCli.RunVerbAsync(verb, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Usage);
        error.ToString().ShouldContain("'describe'");
        error.ToString().ShouldContain("--version must be 0 or greater");
    }

    [Fact]
    public async Task RunAsync_ReadableSummary_ShowsProtocolFeaturesAndRows()
    {
        var (context, output, _) = Context();
        var verb = new TableVerb { Action = "describe", TableUri = ConformanceTables.TablePath("table-with-dv-small") };

        await ClickBatchCli.RunVerbAsync(verb, context, CancellationToken.None);

        output.ToString().ShouldContain("reader 3 [deletionVectors], writer 7 [deletionVectors]");
        output.ToString().ShouldContain("Rows (stats):   8");
    }

    [Fact]
    public async Task RunAsync_CommandLine_ParsesPositionalActionUriAndOptions()
    {
        var (context, output, _) = Context();

        var exit = await ClickBatchCli.RunAsync(
            ["table", "describe", ConformanceTables.TablePath("dat-basic_append"), "--version", "0", "--json"], context);

        exit.ShouldBe(ExitCodes.Success);
        using var doc = JsonDocument.Parse(output.ToString());
        doc.RootElement.GetProperty("version").GetInt64().ShouldBe(0);
        doc.RootElement.GetProperty("rows").GetInt64().ShouldBe(3);
    }

    [Fact]
    public async Task RunAsync_CommandLineMissingTableUri_ExitsWithUsage()
    {
        var (context, _, _) = Context();

        (await ClickBatchCli.RunAsync(["table", "describe"], context)).ShouldBe(ExitCodes.Usage);
    }

    private static (CliContext Context, StringWriter Out, StringWriter Error) Context()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new CliContext(output, error, new FakeTimeProvider(), new Dictionary<string, string>(), IsInteractive: false), output, error);
    }
}
