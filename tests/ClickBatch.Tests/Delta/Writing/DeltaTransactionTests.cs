using System.Text;
using System.Text.Json;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Writing;

public class DeltaTransactionTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task CreateAsync_NewTable_WritesProtocolMetadataAndCommitInfoAsVersionZero()
    {
        using var t = new DeltaTestTable(new Dictionary<string, string?> { ["delta.checkpointInterval"] = "5" }, partitioned: true);

        await t.CreateAsync();

        var lines = Encoding.UTF8.GetString(await t.Store.ReadAllBytesAsync(LogFile.CommitKey(0), Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        using var info = JsonDocument.Parse(lines[0]);
        info.RootElement.GetProperty("commitInfo").GetProperty("operation").GetString().ShouldBe("CREATE TABLE");
        info.RootElement.GetProperty("commitInfo").GetProperty("engineInfo").GetString().ShouldBe("ClickBatch/0.1.0");
        info.RootElement.GetProperty("commitInfo").GetProperty("timestamp").GetInt64().ShouldBe(t.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        lines[1].ShouldBe("""{"protocol":{"minReaderVersion":1,"minWriterVersion":2}}""");
        var snapshot = await t.SnapshotAsync();
        snapshot.Metadata.Id.ShouldBe(DeltaTestTable.TableId.ToString());
        snapshot.Metadata.CreatedTime.ShouldBe(t.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        snapshot.Schema.ShouldBe(t.Definition.Schema);
        snapshot.PartitionColumns.ShouldBe(["event_date"]);
        snapshot.GetConfiguration("delta.checkpointInterval").ShouldBe("5");
    }

    [Fact]
    public async Task CreateAsync_TableExists_ThrowsConflictAndCreateIfNotExistsReturnsIt()
    {
        using var t = new DeltaTestTable();
        await t.CreateAsync();

        var ex = await Should.ThrowAsync<DeltaConflictException>(t.CreateAsync);
        var existing = await t.Table.CreateIfNotExistsAsync(t.Definition, Ct);

        ex.ExitCode.ShouldBe(ExitCodes.Conflict);
        existing.Version.ShouldBe(0);
    }

    [Fact]
    public async Task CreateAsync_PartitionColumnNotInSchema_ThrowsConfigurationError()
    {
        using var t = new DeltaTestTable();

        await Should.ThrowAsync<ClickBatch.Errors.ConfigurationException>(() =>
            t.Table.CreateAsync(t.Definition with { PartitionColumns = ["nope"] }, Ct));
    }

    [Fact]
    public async Task CommitAsync_AddsRemoveAndTxn_RoundTripThroughSnapshot()
    {
        using var t = new DeltaTestTable();
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("a.parquet", rows: 3), "clicks", 10);

        var tx = t.Table.StartTransaction(await t.SnapshotAsync(), "WRITE");
        tx.OperationParameters["mode"] = "Append";
        tx.Remove(RemoveFile.For((await t.SnapshotAsync()).ActiveFiles.Single(), t.Clock.GetUtcNow().ToUnixTimeMilliseconds()));
        tx.Add(DeltaTestTable.Add("b.parquet", rows: 5));
        tx.SetTransaction("clicks", 11);
        var result = await tx.CommitAsync(Ct);

        result.ShouldBe(new CommitResult(2, 1, null));
        var snapshot = await t.SnapshotAsync();
        snapshot.ActiveFiles.Select(f => f.Path).ShouldBe(["b.parquet"]);
        snapshot.Tombstones.Select(f => f.Path).ShouldBe(["a.parquet"]);
        snapshot.GetTransactionVersion("clicks").ShouldBe(11);
        TableDescriber.Describe(snapshot).Rows.ShouldBe(5);
        var commit = snapshot.Commits.Single(c => c.Version == 2).CommitInfo;
        commit.GetExtraString("clickbatch.runId").ShouldBe("run-1");
        commit.OperationParameters!["mode"].GetString().ShouldBe("Append");
    }

    [Fact]
    public async Task CommitAsync_LostRaceToAnAppend_RebasesOntoNextVersionKeepingBoth()
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var first = t.Table.StartTransaction(v0, "WRITE");
        first.Add(DeltaTestTable.Add("a.parquet"));
        var second = t.Table.StartTransaction(v0, "WRITE");
        second.Add(DeltaTestTable.Add("b.parquet"));

        (await first.CommitAsync(Ct)).Version.ShouldBe(1);
        var result = await second.CommitAsync(Ct);

        result.Version.ShouldBe(2);
        result.Attempts.ShouldBe(2);
        (await t.SnapshotAsync()).ActiveFiles.Select(f => f.Path).Order().ShouldBe(["a.parquet", "b.parquet"]);
    }

    [Fact]
    public async Task CommitAsync_SingleAttemptAllowedAndRaceLost_ThrowsTransientRaceErrorWithoutWriting()
    {
        using var t = new DeltaTestTable(maxAttempts: 1);
        var v0 = await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("a.parquet"));
        var late = t.Table.StartTransaction(v0, "WRITE");
        late.Add(DeltaTestTable.Add("b.parquet"));

        var ex = await Should.ThrowAsync<DeltaCommitRaceException>(() => late.CommitAsync(Ct));

        ex.IsTransient.ShouldBeTrue();
        (await t.Store.ExistsAsync(LogFile.CommitKey(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_OtherWriterAdvancedOurAppId_ThrowsConflictAndWritesNothing()
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var other = t.Table.StartTransaction(v0, "WRITE");
        other.SetTransaction("clicks", 7);
        await other.CommitAsync(Ct);
        var ours = t.Table.StartTransaction(v0, "WRITE");
        ours.Add(DeltaTestTable.Add("ours.parquet"));
        ours.SetTransaction("clicks", 7);

        var ex = await Should.ThrowAsync<DeltaConflictException>(() => ours.CommitAsync(Ct));

        ex.ExitCode.ShouldBe(ExitCodes.Conflict);
        ex.Message.ShouldContain("'clicks'");
        ex.Facts["DeltaVersion"].ShouldBe(1L);
        (await t.Store.ExistsAsync(LogFile.CommitKey(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_MetadataChangedConcurrently_ThrowsConflict()
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var other = t.Table.StartTransaction(v0, "SET TBLPROPERTIES");
        other.UpdateMetadata(v0.Metadata with { Configuration = new Dictionary<string, string?> { ["delta.appendOnly"] = "true" } });
        await other.CommitAsync(Ct);
        var ours = t.Table.StartTransaction(v0, "WRITE");
        ours.Add(DeltaTestTable.Add("ours.parquet"));

        (await Should.ThrowAsync<DeltaConflictException>(() => ours.CommitAsync(Ct))).Message.ShouldContain("metadata");
    }

    [Fact]
    public async Task CommitAsync_RemoveOnAppendOnlyTable_IsRefusedBeforeWriting()
    {
        using var t = new DeltaTestTable(new Dictionary<string, string?> { ["delta.appendOnly"] = "true" });
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("a.parquet"));
        var tx = t.Table.StartTransaction(await t.SnapshotAsync(), "DELETE");
        tx.Remove(new RemoveFile { Path = "a.parquet", DataChange = true });

        (await Should.ThrowAsync<ClickBatch.Errors.ClickBatchException>(() => tx.CommitAsync(Ct))).Message.ShouldContain("append-only");
        (await t.Store.ExistsAsync(LogFile.CommitKey(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_ConcurrentWritersRacingForEachVersion_EveryAppendLandsInExactlyOneVersion()
    {
        using var t = new DeltaTestTable(maxAttempts: 100);
        await t.CreateAsync();
        const int Writers = 4, CommitsEach = 6;

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var versions = new List<long>();
            for (var i = 0; i < CommitsEach; i++)
            {
                versions.Add((await t.AppendAsync(DeltaTestTable.Add("w" + w + "-" + i + ".parquet"), "writer-" + w, i)).Version);
            }

            return versions;
        })));

        var all = results.SelectMany(v => v).ToList();
        all.Order().ShouldBe(Enumerable.Range(1, Writers * CommitsEach).Select(v => (long)v));
        var snapshot = await t.SnapshotAsync();
        snapshot.Version.ShouldBe(Writers * CommitsEach);
        snapshot.ActiveFiles.Count.ShouldBe(Writers * CommitsEach);
        for (var w = 0; w < Writers; w++)
        {
            snapshot.GetTransactionVersion("writer-" + w).ShouldBe(CommitsEach - 1);
        }

        for (var v = 1; v <= Writers * CommitsEach; v++)
        {
            (await t.Table.Log.ReadCommitAsync(v, Ct)).Count(a => a.Add is not null).ShouldBe(1);
        }
    }
}
