using ClickBatch.Aws;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Writing;
using ClickBatch.Errors;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Writing;

/// <summary>
/// Issue 13 item 2: a commit the store stored but answered as failed (S3 500 after storing, the retry's 412) is this
/// transaction's own, recognised by commitInfo.txnId; it is neither a conflict nor written twice.
/// </summary>
public class OwnCommitRecognitionTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Theory]
    [InlineData(CommitAnswer.StoreThenAnswerExists)]
    [InlineData(CommitAnswer.StoreThenThrow)]
    public async Task CommitAsync_StoreAnsweredOurStoredCommitAsFailed_CommitsAtThatVersionOnce(CommitAnswer answer)
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var store = new StoreThenFailObjectStore(t.Store, k => k == LogFile.CommitKey(1), answer);
        var tx = new DeltaTable(store, t.Table.Options).StartTransaction(v0, "WRITE");
        tx.Add(DeltaTestTable.Add("a.parquet"));
        tx.SetTransaction("it/clicks/0", 10);

        var result = await tx.CommitAsync(Ct);

        store.Injected.ShouldBe(1);
        result.Version.ShouldBe(1);
        var snapshot = await t.SnapshotAsync();
        snapshot.Version.ShouldBe(1);
        snapshot.ActiveFiles.Select(f => f.Path).ShouldBe(["a.parquet"]);
        snapshot.GetTransactionVersion("it/clicks/0").ShouldBe(10);
        (await t.Store.ExistsAsync(LogFile.CommitKey(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_StoreFailedWithoutStoring_ThrowsTheStoreErrorAndWritesNothing()
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var store = new StoreThenFailObjectStore(t.Store, k => k == LogFile.CommitKey(1), CommitAnswer.ThrowWithoutStoring);
        var tx = new DeltaTable(store, t.Table.Options).StartTransaction(v0, "WRITE");
        tx.Add(DeltaTestTable.Add("a.parquet"));

        await Should.ThrowAsync<AwsUnreachableException>(() => tx.CommitAsync(Ct));

        (await t.SnapshotAsync()).Version.ShouldBe(0);
    }

    [Fact]
    public async Task CommitAsync_StoreFailedAndAnotherWritersCommitHoldsTheVersion_ReportsTheirConflict()
    {
        using var t = new DeltaTestTable();
        var v0 = await t.CreateAsync();
        var other = t.Table.StartTransaction(v0, "WRITE");
        other.SetTransaction("it/clicks/0", 7);
        await other.CommitAsync(Ct);
        var store = new StoreThenFailObjectStore(t.Store, k => k == LogFile.CommitKey(1), CommitAnswer.ThrowWithoutStoring);
        var ours = new DeltaTable(store, t.Table.Options).StartTransaction(v0, "WRITE");
        ours.Add(DeltaTestTable.Add("ours.parquet"));
        ours.SetTransaction("it/clicks/0", 7);

        var ex = await Should.ThrowAsync<DeltaConflictException>(() => ours.CommitAsync(Ct));

        ex.ExitCode.ShouldBe(ExitCodes.Conflict);
        (await t.Store.ExistsAsync(LogFile.CommitKey(2), Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_EveryTransaction_WritesItsIdFromTheInjectedSourceAsCommitInfoTxnId()
    {
        using var t = new DeltaTestTable();
        var ids = new Queue<Guid>([Guid.Parse("00000000-0000-4000-8000-00000000000a"), Guid.Parse("00000000-0000-4000-8000-00000000000b")]);
        var table = new DeltaTable(t.Store, t.Table.Options with { NewCommitId = ids.Dequeue });
        var v0 = await table.CreateAsync(t.Definition, Ct);
        var tx = table.StartTransaction(v0, "WRITE");
        tx.Add(DeltaTestTable.Add("a.parquet"));

        await tx.CommitAsync(Ct);

        var commits = (await t.SnapshotAsync()).Commits.OrderBy(c => c.Version).Select(c => c.CommitInfo.GetExtraString("txnId")).ToList();
        commits.ShouldBe(["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"]);
        tx.TxnId.ShouldBe("00000000-0000-4000-8000-00000000000b");
    }

    [Theory]
    [InlineData(CommitAnswer.StoreThenAnswerExists)]
    [InlineData(CommitAnswer.StoreThenThrow)]
    public async Task CreateAsync_StoreAnsweredOurStoredVersionZeroAsFailed_ReturnsTheNewTable(CommitAnswer answer)
    {
        using var t = new DeltaTestTable();
        var store = new StoreThenFailObjectStore(t.Store, k => k == LogFile.CommitKey(0), answer);

        var created = await new DeltaTable(store, t.Table.Options).CreateAsync(t.Definition, Ct);
        var ensured = await new DeltaTable(new StoreThenFailObjectStore(t.Store, _ => true, answer), t.Table.Options).CreateIfNotExistsAsync(t.Definition, Ct);

        store.Injected.ShouldBe(1);
        created.Version.ShouldBe(0);
        created.Metadata.Id.ShouldBe(DeltaTestTable.TableId.ToString());
        ensured.Version.ShouldBe(0);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_StoreThrewAfterStoringVersionZero_ReturnsTheNewTable()
    {
        using var t = new DeltaTestTable();
        var store = new StoreThenFailObjectStore(t.Store, k => k == LogFile.CommitKey(0), CommitAnswer.StoreThenThrow);

        var created = await new DeltaTable(store, t.Table.Options).CreateIfNotExistsAsync(t.Definition, Ct);

        store.Injected.ShouldBe(1);
        created.Version.ShouldBe(0);
    }
}
