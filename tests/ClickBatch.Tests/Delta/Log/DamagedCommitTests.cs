using System.Text;
using ClickBatch.Delta;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Log;

/// <summary>
/// Issue 13 item 8: whatever bytes a commit file holds, reading the table gives a snapshot or a
/// <see cref="DeltaLogCorruptException"/> naming the file, never another exception.
/// </summary>
public class DamagedCommitTests
{
    private const string Header = """
        {"protocol":{"minReaderVersion":1,"minWriterVersion":2}}
        {"metaData":{"id":"t","format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[{\"name\":\"id\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}}]}","partitionColumns":[],"configuration":{},"createdTime":1}}

        """;

    private const string GoodAdd = """{"add":{"path":"a.parquet","partitionValues":{},"size":10,"modificationTime":1,"dataChange":true}}""";

    public static TheoryData<string, string> DamagedLines() => new()
    {
        { "truncated last line", GoodAdd + "\n" + GoodAdd[..40] },
        { "truncated inside a string", """{"add":{"path":"a.par""" },
        { "txn appId null", """{"txn":{"appId":null,"version":3}}""" },
        { "add path null", """{"add":{"path":null,"partitionValues":{},"size":10,"modificationTime":1,"dataChange":true}}""" },
        { "add partitionValues null", """{"add":{"path":"b.parquet","partitionValues":null,"size":10,"modificationTime":1,"dataChange":true}}""" },
        { "add partition value a number", """{"add":{"path":"b.parquet","partitionValues":{"p":5},"size":10,"modificationTime":1,"dataChange":true}}""" },
        { "remove path null", """{"remove":{"path":null,"deletionTimestamp":1,"dataChange":true}}""" },
        { "metaData partitionColumns null", """{"metaData":{"id":"t","schemaString":"{\"type\":\"struct\",\"fields\":[]}","partitionColumns":null,"configuration":{}}}""" },
        { "metaData configuration null", """{"metaData":{"id":"t","schemaString":"{\"type\":\"struct\",\"fields\":[]}","partitionColumns":[],"configuration":null}}""" },
        { "metaData schemaString null", """{"metaData":{"id":"t","schemaString":null,"partitionColumns":[],"configuration":{}}}""" },
        { "domainMetadata domain null", """{"domainMetadata":{"domain":null,"configuration":"{}","removed":false}}""" },
        { "lone surrogate escape in a path", """{"add":{"path":"\ud800.parquet","partitionValues":{},"size":10,"modificationTime":1,"dataChange":true}}""" },
        { "lone surrogate escape in a property name", """{"add":{"\ud800":1,"path":"b.parquet","partitionValues":{},"size":10,"modificationTime":1,"dataChange":true}}""" },
        { "size out of range", """{"add":{"path":"b.parquet","partitionValues":{},"size":1e400,"modificationTime":1,"dataChange":true}}""" },
        { "the literal null", "null" },
        { "an array", "[]" },
        { "a string", "\"add\"" },
        { "deep nesting in an unknown action", "{\"x\":" + new string('[', 200) + new string(']', 200) + "}" },
        { "protocol feature null", """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":[null],"writerFeatures":[null]}}""" },
        { "commitInfo timestamp a string", """{"commitInfo":{"timestamp":"yesterday"}}""" },
    };

    [Theory]
    [MemberData(nameof(DamagedLines))]
    public async Task GetSnapshotAsync_DamagedCommit_ThrowsCorruptErrorNamingTheFile(string damage, string content)
    {
        using var dir = new TempDirectory();
        var store = await TableWithCommitAsync(dir, Encoding.UTF8.GetBytes(content + "\n"));

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => ReadAndDescribeAsync(store), damage);

        ex.Message.ShouldContain(LogFile.CommitKey(1));
    }

    [Fact]
    public async Task Schema_SchemaStringNotJson_ThrowsCorruptErrorNamingTableAndVersion()
    {
        using var dir = new TempDirectory();
        var store = await TableWithCommitAsync(dir, """{"metaData":{"id":"t","schemaString":"{no","partitionColumns":[],"configuration":{}}}"""u8.ToArray());

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => ReadAndDescribeAsync(store));

        ex.Message.ShouldContain(store.RootUri + " at version 1");
    }

    [Fact]
    public async Task GetSnapshotAsync_InvalidUtf8InCommit_ThrowsCorruptErrorNamingTheFile()
    {
        using var dir = new TempDirectory();
        byte[] content = [.. "{\"add\":{\"path\":\""u8, 0xC3, 0x28, .. "\",\"partitionValues\":{},\"size\":1,\"modificationTime\":1,\"dataChange\":true}}\n"u8];
        var store = await TableWithCommitAsync(dir, content);

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => ReadAndDescribeAsync(store));

        ex.Message.ShouldContain(LogFile.CommitKey(1));
    }

    [Fact]
    public async Task GetSnapshotAsync_EmptyCommitFile_ThrowsCorruptErrorNamingTheFileAndVersion()
    {
        using var dir = new TempDirectory();
        var store = await TableWithCommitAsync(dir, []);

        var ex = await Should.ThrowAsync<DeltaLogCorruptException>(() => ReadAndDescribeAsync(store));

        ex.Message.ShouldContain(LogFile.CommitKey(1));
        ex.Facts["DeltaVersion"].ShouldBe(1L);
    }

    private static async Task<LocalObjectStore> TableWithCommitAsync(TempDirectory dir, byte[] commit)
    {
        var store = new LocalObjectStore(dir.Path);
        await store.PutAsync(LogFile.CommitKey(0), Encoding.UTF8.GetBytes(Header), CancellationToken.None);
        await store.PutAsync(LogFile.CommitKey(1), commit, CancellationToken.None);
        return store;
    }

    private static async Task ReadAndDescribeAsync(IObjectStore store)
    {
        var snapshot = await new DeltaLog(store).GetSnapshotAsync(null, CancellationToken.None);
        TableDescriber.Describe(snapshot);
        _ = snapshot.ActiveFiles.Select(f => DataFilePath.ToKey(snapshot.Table, f.Path)).ToList();
    }
}
