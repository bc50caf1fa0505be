using System.Text.Json;
using ClickBatch.Cli;
using ClickBatch.Errors;
using ClickBatch.IntegrationTests.Support;

namespace ClickBatch.IntegrationTests.Cli;

/// <summary>Issue 13 item 9 on S3: <c>table describe --check</c> lists each partition prefix and names the deleted object.</summary>
[Collection(MotoCollection.Name)]
public sealed class TableDescribeCheckMotoTests(MotoServerFixture moto)
{
    [Fact]
    public async Task TableDescribeCheck_S3ObjectDeleted_ExitsOneNamingIt()
    {
        var bucket = await moto.CreateBucketAsync();
        var uri = "s3://" + bucket + "/lake/clicks";
        var store = S3DeltaTables.Store(moto, uri);
        var (table, v0) = await S3DeltaTables.CreateAsync(store);
        var kept = S3DeltaTables.File("2024-01-01", "a.parquet");
        var deleted = S3DeltaTables.File("2024-01-02", "b.parquet");
        await store.PutAsync(kept.Path, new byte[kept.Size], CancellationToken.None);
        await store.PutAsync(deleted.Path, new byte[deleted.Size], CancellationToken.None);
        await S3DeltaTables.AppendAsync(table, v0, kept, deleted);
        await store.DeleteAsync(deleted.Path, CancellationToken.None);
        var output = new StringWriter();
        var context = new CliContext(output, new StringWriter(), TimeProvider.System, moto.Environment, IsInteractive: false);

        var exit = await ClickBatchCli.RunAsync(["table", "describe", uri, "--check", "--json"], context);

        exit.ShouldBe(ExitCodes.Failure);
        using var doc = JsonDocument.Parse(output.ToString());
        var check = doc.RootElement.GetProperty("check");
        check.GetProperty("missing").EnumerateArray().Select(m => m.GetProperty("path").GetString()).ShouldBe([deleted.Path]);
        check.GetProperty("filesChecked").GetInt64().ShouldBe(2);
        check.GetProperty("foldersListed").GetInt64().ShouldBe(2);
    }
}
