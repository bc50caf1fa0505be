using System.Text.Json;
using ClickBatch.Delta.Inspection;
using ClickBatch.Delta.Log;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta;

/// <summary>Describes every table of tests/data/delta-conformance through the CLI's code and matches expected.json.</summary>
public class ConformanceTests
{
    public static IEnumerable<object[]> Tables() => ConformanceTables.Names();

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Describe_ConformanceTable_MatchesEveryExpectedFact(string name)
    {
        var expected = ConformanceTables.Expected(name);
        var log = new DeltaLog(ObjectStoreFactory.Create(Path.Combine(ConformanceTables.Root, expected.GetProperty("tablePath").GetString()!)));

        var d = await TableDescriber.DescribeAsync(log, version: null, exactRows: true, CancellationToken.None);

        d.Version.ShouldBe(expected.GetProperty("latestVersion").GetInt64());
        d.MinReaderVersion.ShouldBe(expected.GetProperty("minReaderVersion").GetInt32());
        d.MinWriterVersion.ShouldBe(expected.GetProperty("minWriterVersion").GetInt32());
        d.ReaderFeatures.ShouldBe(StringsOrNull(expected.GetProperty("readerFeatures")));
        d.WriterFeatures.ShouldBe(StringsOrNull(expected.GetProperty("writerFeatures")));
        d.PartitionColumns.ShouldBe(StringsOrNull(expected.GetProperty("partitionColumns")));
        d.Schema.Select(c => c.Name).ShouldBe(StringsOrNull(expected.GetProperty("schemaFieldNames")));
        d.ActiveFiles.ShouldBe(expected.GetProperty("activeFileCount").GetInt64());
        d.RowsExact.ShouldBe(expected.GetProperty("rowCount").GetInt64());
        d.Rows.ShouldBe(LongOrNull(expected.GetProperty("rowCountChecks").GetProperty("statsNumRecords")));
        d.Transactions.ShouldBe(expected.GetProperty("appTransactions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()));
        d.CheckpointVersion.ShouldBe(LongOrNull(expected.GetProperty("lastCheckpointVersion")));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task ListLog_ConformanceTable_FindsExpectedCommitsAndCheckpointFiles(string name)
    {
        var expected = ConformanceTables.Expected(name);
        var store = ObjectStoreFactory.Create(Path.Combine(ConformanceTables.Root, expected.GetProperty("tablePath").GetString()!));

        var files = await LogSegmentBuilder.ListAsync(store, null, CancellationToken.None);

        files.Where(f => f.Kind == LogFileKind.Commit).Select(f => f.Version)
            .ShouldBe(expected.GetProperty("commitVersions").EnumerateArray().Select(v => v.GetInt64()));
        files.Where(f => f.Kind != LogFileKind.Commit).Select(f => f.Version + ":" + f.Key["_delta_log/".Length..])
            .ShouldBe(expected.GetProperty("checkpoints").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateArray().Select(x => p.Name + ":" + x.GetString())), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task DescribeFromCommitsOnly_TableWithCommitZero_AgreesWithCheckpointReplay(string name)
    {
        var expected = ConformanceTables.Expected(name);
        var log = new DeltaLog(ObjectStoreFactory.Create(Path.Combine(ConformanceTables.Root, expected.GetProperty("tablePath").GetString()!)));

        var fromCheckpoint = TableDescriber.Describe(await log.GetSnapshotAsync(null, CancellationToken.None));
        var fromCommits = TableDescriber.Describe(await log.GetSnapshotFromCommitsAsync(null, CancellationToken.None));

        fromCommits.CheckpointVersion.ShouldBeNull();
        (fromCommits with { CheckpointVersion = fromCheckpoint.CheckpointVersion }).ToJson().ShouldBe(fromCheckpoint.ToJson());
    }

    /// <summary>
    /// Every field a checkpoint row carries (partition values, sizes, stats, tags, deletion vectors, metadata maps and
    /// lists, protocol features, txns) reads the same from Spark's Parquet checkpoint as from the JSON commits.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tables))]
    public async Task ParquetCheckpoint_EveryActionField_AgreesWithTheJsonCommits(string name)
    {
        var expected = ConformanceTables.Expected(name);
        var log = new DeltaLog(ObjectStoreFactory.Create(Path.Combine(ConformanceTables.Root, expected.GetProperty("tablePath").GetString()!)));
        var files = await LogSegmentBuilder.ListAsync(log.Store, null, CancellationToken.None);
        if (!files.Any(f => f.Kind != LogFileKind.Commit) || !files.Any(f => f.Kind == LogFileKind.Commit && f.Version == 0))
        {
            return; // nothing to compare: no checkpoint, or no commit 0 to replay from
        }

        var fromCheckpoint = await log.GetSnapshotAsync(null, CancellationToken.None);
        var fromCommits = await log.GetSnapshotFromCommitsAsync(null, CancellationToken.None);

        fromCheckpoint.CheckpointVersion.ShouldNotBeNull();
        Files(fromCheckpoint).ShouldBe(Files(fromCommits));
        JsonSerializer.Serialize(fromCheckpoint.Metadata).ShouldBe(JsonSerializer.Serialize(fromCommits.Metadata));
        JsonSerializer.Serialize(fromCheckpoint.Protocol).ShouldBe(JsonSerializer.Serialize(fromCommits.Protocol));
        fromCheckpoint.Transactions.ShouldBe(fromCommits.Transactions);
    }

    /// <summary>The files' fields; Spark's checkpoint holds an empty tags map where its commit has none.</summary>
    private static List<string> Files(Snapshot snapshot) =>
        [.. snapshot.ActiveFiles
            .Select(f => JsonSerializer.Serialize(f with { DataChange = false, Tags = f.Tags is { Count: > 0 } ? f.Tags : null }))
            .Order(StringComparer.Ordinal)];

    // Facts for earlier versions, as the conformance README states them.
    [Theory]
    [InlineData("dat-basic_append", 0, 3)]
    [InlineData("dat-basic_partitioned", 0, 3)]
    [InlineData("dat-with_schema_change", 0, 3)]
    [InlineData("simple_table", 0, 5)]
    [InlineData("table-with-dv-small", 0, 10)]
    public async Task Describe_EarlierVersion_MatchesReadmeRowCount(string name, long version, long rows)
    {
        var log = new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath(name)));

        var d = await TableDescriber.DescribeAsync(log, version, exactRows: true, CancellationToken.None);

        d.Version.ShouldBe(version);
        d.RowsExact.ShouldBe(rows);
    }

    [Fact]
    public async Task Describe_SchemaChangeAtVersionZero_HasOriginalColumns()
    {
        var log = new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath("dat-with_schema_change")));

        var d = await TableDescriber.DescribeAsync(log, 0, exactRows: false, CancellationToken.None);

        d.Schema.ShouldBe([new ColumnDescription("letter", "string", true), new ColumnDescription("number", "long", true)]);
    }

    [Fact]
    public async Task Describe_AppTxnTableAtVersionZero_HasFirstTransactionOnly()
    {
        var log = new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath("app-txn-checkpoint")));

        var d = await TableDescriber.DescribeAsync(log, 0, exactRows: false, CancellationToken.None);

        d.Transactions.ShouldBe(new Dictionary<string, long> { ["my-app"] = 1 });
        d.CheckpointVersion.ShouldBeNull();
    }

    private static List<string>? StringsOrNull(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? null : e.EnumerateArray().Select(x => x.GetString()!).ToList();

    private static long? LongOrNull(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
}
