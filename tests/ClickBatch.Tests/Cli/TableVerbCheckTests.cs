using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Delta.Actions;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Cli;

/// <summary>Issue 13 item 9: <c>table describe --check</c> finds data files deleted or cut from under the table.</summary>
public class TableVerbCheckTests
{
    [Fact]
    public async Task RunAsync_CheckAllFilesPresent_ExitsZeroAndSaysSo()
    {
        using var table = await PartitionedTableAsync();
        var (context, output) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new TableVerb { Action = "describe", TableUri = table.Path, Check = true }, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Success);
        output.ToString().ShouldContain("3 checked in 2 folders: all present at their logged size");
    }

    [Fact]
    public async Task RunAsync_CheckDataFileDeleted_ExitsOneListingTheFileAndItsRows()
    {
        using var table = await PartitionedTableAsync();
        File.Delete(Path.Combine(table.Path, "event_date=2026-11-01", "b.parquet"));
        var (context, output) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new TableVerb { Action = "describe", TableUri = table.Path, Check = true, Json = true }, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Failure);
        using var doc = JsonDocument.Parse(output.ToString());
        var check = doc.RootElement.GetProperty("check");
        check.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("path").GetString()).ShouldBe(["event_date=2026-11-01/b.parquet"]);
        check.GetProperty("missingRows").GetInt64().ShouldBe(300);
        check.GetProperty("wrongSize").GetArrayLength().ShouldBe(0);
        check.GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task RunAsync_CheckDataFileTruncated_ExitsOneNamingBothSizes()
    {
        using var table = await PartitionedTableAsync();
        var path = Path.Combine(table.Path, "event_date=2026-11-02", "c.parquet");
        File.WriteAllBytes(path, new byte[7]);
        var (context, output) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new TableVerb { Action = "describe", TableUri = table.Path, Check = true }, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Failure);
        output.ToString().ShouldContain("wrong size: event_date=2026-11-02/c.parquet (log " + DeltaTestTable.Add("c", rows: 5).Size + " bytes, store 7 bytes)");
        output.ToString().ShouldContain("0 missing");
    }

    [Fact]
    public async Task RunAsync_WithoutCheck_DoesNotListDataFiles()
    {
        using var table = await PartitionedTableAsync();
        File.Delete(Path.Combine(table.Path, "event_date=2026-11-01", "b.parquet"));
        var (context, output) = Context();

        var exit = await ClickBatchCli.RunVerbAsync(new TableVerb { Action = "describe", TableUri = table.Path, Json = true }, context, CancellationToken.None);

        exit.ShouldBe(ExitCodes.Success);
        output.ToString().ShouldNotContain("\"check\"");
    }

    /// <summary>Three data files in two partitions, each written at the size its add says.</summary>
    private static async Task<DeltaTestTable> PartitionedTableAsync()
    {
        var table = new DeltaTestTable(partitioned: true);
        await table.CreateAsync();
        AddFile[] files =
        [
            DeltaTestTable.Add("event_date=2026-11-01/a.parquet", rows: 100, eventDate: "2026-11-01"),
            DeltaTestTable.Add("event_date=2026-11-01/b.parquet", rows: 300, eventDate: "2026-11-01"),
            DeltaTestTable.Add("event_date=2026-11-02/c.parquet", rows: 5, eventDate: "2026-11-02"),
        ];
        foreach (var file in files)
        {
            await table.Store.PutAsync(file.Path, new byte[file.Size], CancellationToken.None);
            await table.AppendAsync(file);
        }

        return table;
    }

    private static (CliContext Context, StringWriter Out) Context()
    {
        var output = new StringWriter();
        return (new CliContext(output, new StringWriter(), new FakeTimeProvider(), new Dictionary<string, string>(), IsInteractive: false), output);
    }
}
