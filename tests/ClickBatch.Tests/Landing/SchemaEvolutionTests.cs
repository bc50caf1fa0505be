using ClickBatch.Decoding;
using ClickBatch.Errors;
using ClickBatch.Kafka;
using ClickBatch.Ledger;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Landing;

/// <summary>Issue 17, additive evolution: a topic schema that adds nullable fields widens its table; anything else is refused.</summary>
public sealed class SchemaEvolutionTests : IDisposable
{
    private readonly RunTestLake _lake = new();

    public void Dispose() => _lake.Dispose();

    [Fact]
    public async Task ExecuteAsync_SchemaAddsNullableFieldsInTheMiddleAndAtTheEnd_WidensTheTableAndOldRowsReadNull()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, campaign: null)]);
        var first = await _lake.RunAsync(source);
        var wider = BuiltInSchemas.Clicks with
        {
            Fields = [.. BuiltInSchemas.Clicks.Fields.Take(2), new FieldSpec("campaign", FieldKind.String, Required: false),
                .. BuiltInSchemas.Clicks.Fields.Skip(2), new FieldSpec("coupon", FieldKind.Long, Required: false)],
        };
        source.WithPayloads("clicks", 0, [Click(0, campaign: null), Click(1, campaign: "winter")]);

        var report = await _lake.RunAsync(source, _lake.Settings(wider));

        report.Status.ShouldBe(RunStatus.Succeeded);
        var snapshot = await _lake.SnapshotAsync("clicks");
        snapshot.Schema.Fields.Select(f => f.Name).ShouldContain("campaign");
        snapshot.Schema.Fields.Select(f => f.Name).ToList().IndexOf("campaign").ShouldBe(2);
        snapshot.Schema.Find("coupon").ShouldNotBeNull().Nullable.ShouldBeTrue();
        var files = snapshot.ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(f.Path))));
        DuckDb.Query($"SELECT click_id, campaign, coupon FROM read_parquet([{string.Join(", ", files)}], union_by_name = true) ORDER BY 1")
            .Select(r => (r[0], r[1], r[2])).ShouldBe([("c0", null, null), ("c1", "winter", 7L)]);
        var log = new ClickBatch.Delta.Snapshots.DeltaLog(new LocalObjectStore(Path.Combine(_lake.Lake, "clicks")));
        var before = await ClickBatch.Delta.Inspection.TableDescriber.DescribeAsync(
            log, first.Topics.Single().DeltaVersions.Max(), exactRows: false, CancellationToken.None);
        var after = await ClickBatch.Delta.Inspection.TableDescriber.DescribeAsync(log, null, exactRows: false, CancellationToken.None);
        before.Schema.Select(c => c.Name).ShouldNotContain("campaign");
        after.Schema.Select(c => c.Name).ShouldContain("campaign");
    }

    /// <summary>
    /// Issue 17's three runs: add a column at the end, then another in the middle, then try a type change (refused).
    /// Every version reads back with DuckDB (its active files, by name) and describes with its own schema.
    /// </summary>
    [Fact]
    public async Task ExecuteAsync_ThreeRunsAddAtTheEndThenInTheMiddleThenChangeAType_EachVersionReadsBackWithItsSchema()
    {
        var baseFields = BuiltInSchemas.Clicks.Fields;
        var campaign = new FieldSpec("campaign", FieldKind.String, Required: false);
        var coupon = new FieldSpec("coupon", FieldKind.Long, Required: false);
        var atEnd = BuiltInSchemas.Clicks with { Fields = [.. baseFields, campaign] };
        var inMiddle = BuiltInSchemas.Clicks with { Fields = [.. baseFields.Take(3), coupon, .. baseFields.Skip(3), campaign] };
        var typeChange = BuiltInSchemas.Clicks with { Fields = [.. inMiddle.Fields.Select(f => f.Name == "coupon" ? f with { Kind = FieldKind.Double } : f)] };
        var source = new FakeKafkaSource();
        var versions = new List<long>();
        foreach (var (schema, clicks) in new[] { (BuiltInSchemas.Clicks, 1), (atEnd, 2), (inMiddle, 3) })
        {
            source.WithPayloads("clicks", 0, Enumerable.Range(0, clicks).Select(i => Click(i, campaign: "k" + i)));
            (await _lake.RunAsync(source, _lake.Settings(schema))).Status.ShouldBe(RunStatus.Succeeded);
            versions.Add((await _lake.SnapshotAsync("clicks")).Version);
        }

        source.WithPayloads("clicks", 0, Enumerable.Range(0, 4).Select(i => Click(i, campaign: "k" + i)));
        var refused = await _lake.RunAsync(source, _lake.Settings(typeChange));

        refused.ExitCode.ShouldBe(ExitCodes.Usage);
        refused.Error.ShouldNotBeNull().ShouldContain("field 'coupon' changes type from long to double");
        (await _lake.SnapshotAsync("clicks")).Version.ShouldBe(versions[^1]);
        var log = new ClickBatch.Delta.Snapshots.DeltaLog(new LocalObjectStore(Path.Combine(_lake.Lake, "clicks")));
        string[][] expectedColumns = [[.. baseFields.Select(f => f.Name)], [.. atEnd.Fields.Select(f => f.Name)], [.. inMiddle.Fields.Select(f => f.Name)]];
        (object?, object?, object?)[][] expectedRows =
        [
            [("c0", null, null)],
            [("c0", null, null), ("c1", "k1", null)],
            [("c0", null, null), ("c1", "k1", null), ("c2", "k2", 7L)],
        ];
        for (var i = 0; i < versions.Count; i++)
        {
            var described = await ClickBatch.Delta.Inspection.TableDescriber.DescribeAsync(log, versions[i], exactRows: false, CancellationToken.None);
            described.Schema.Select(c => c.Name).Where(n => !n.StartsWith('_') && n != "dt").ShouldBe(expectedColumns[i], $"version {versions[i]}");
            var snapshot = await log.GetSnapshotAsync(versions[i], CancellationToken.None);
            var files = snapshot.ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(f.Path))));
            var has = (string name) => snapshot.Schema.Find(name) is null ? "NULL" : name;
            DuckDb.Query($"SELECT click_id, {has("campaign")}, {has("coupon")} FROM read_parquet([{string.Join(", ", files)}], union_by_name = true) ORDER BY 1")
                .Select(r => (r[0], r[1], r[2])).ShouldBe(expectedRows[i], $"version {versions[i]}");
        }
    }

    [Fact]
    public async Task Optimize_AfterTheTableGainedAField_CompactsOldAndNewFilesWithNullsForTheOldRows()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, campaign: null)]);
        await _lake.RunAsync(source);
        var wider = BuiltInSchemas.Clicks with { Fields = [.. BuiltInSchemas.Clicks.Fields, new FieldSpec("campaign", FieldKind.String, Required: false)] };
        source.WithPayloads("clicks", 0, [Click(0, campaign: null), Click(1, campaign: "winter")]);
        await _lake.RunAsync(source, _lake.Settings(wider));

        var results = await new ClickBatch.Jobs.Maintenance.OptimizeJob(ObjectStoreFactory.Create, null, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).ExecuteAsync(
            new ClickBatch.Jobs.Maintenance.OptimizeOptions { LakeUri = _lake.Lake, Tables = ["clicks"], StagingDirectory = _lake.Staging + "-optimize" },
            CancellationToken.None);

        results.ShouldHaveSingleItem();
        var files = (await _lake.SnapshotAsync("clicks")).ActiveFiles;
        files.ShouldHaveSingleItem();
        DuckDb.Query($"SELECT click_id, campaign FROM read_parquet({DuckDb.Literal(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(files[0].Path)))}) ORDER BY 1")
            .Select(r => (r[0], r[1])).ShouldBe([("c0", null), ("c1", "winter")]);
    }

    /// <summary>
    /// Values that landed in _unknown_fields before their column existed move into it when the range is backfilled with
    /// the new schema (Kafka still holds it): one commit, offsets untouched, and a second backfill changes nothing.
    /// </summary>
    [Fact]
    public async Task Backfill_WithTheWiderSchema_MovesValuesFromUnknownFieldsIntoTheNewColumn()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, campaign: "autumn"), Click(1, campaign: "winter")]);
        await _lake.RunAsync(source);
        (await CampaignsAsync(_lake, hasColumn: false)).ShouldBe([("c0", null, true), ("c1", null, true)]);
        var wider = _lake.Settings(BuiltInSchemas.Clicks with { Fields = [.. BuiltInSchemas.Clicks.Fields, new FieldSpec("campaign", FieldKind.String, Required: false)] });
        await _lake.RunAsync(source, wider);
        var txn = await _lake.TxnAsync("clicks", "clicks", 0);
        var job = new ClickBatch.Jobs.Backfill.BackfillJob(source, ObjectStoreFactory.Create, null, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var options = new ClickBatch.Jobs.Backfill.BackfillOptions
        {
            Settings = wider, Topic = wider.Topics[0], From = new ClickBatch.Jobs.Backfill.OffsetBound(0, null), To = new ClickBatch.Jobs.Backfill.OffsetBound(2, null),
        };

        for (var i = 0; i < 2; i++)
        {
            var plan = await job.PlanAsync(options, CancellationToken.None);
            await job.ExecuteAsync(plan, "backfill-" + i, CancellationToken.None);
            (await CampaignsAsync(_lake, hasColumn: true)).ShouldBe([("c0", "autumn", false), ("c1", "winter", false)]);
        }

        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBe(txn);
    }

    /// <summary>
    /// After Kafka's retention: promote moves the values from the lake's own files (no source at all), escaped text
    /// unescaped as the run would; a value the column's type cannot take stays in _unknown_fields, as do the fields the
    /// table still lacks. One commit, every row and offset kept, txns untouched; a second pass commits nothing.
    /// </summary>
    [Fact]
    public async Task Promote_AfterTheTableGainedAField_MovesValuesFromTheLakesFilesOnceAndKeepsWhatDoesNotFit()
    {
        const string Common = "\"product_id\":\"p\",\"datetime_occured\":\"2026-11-22T10:00:00Z\"";
        string[] before =
        [
            "{\"click_id\":\"c0\",\"user_id\":0," + Common + ",\"campaign\":\"autumn\",\"coupon\":7}",
            "{\"click_id\":\"c1\",\"user_id\":1,\"campaign\":\"win\\u0074er\"," + Common + "}",
            "{\"click_id\":\"c2\",\"user_id\":2," + Common + ",\"campaign\":5}",
            "{\"click_id\":\"c3\",\"user_id\":3," + Common + "}",
        ];
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, before);
        await _lake.RunAsync(source);
        var wider = _lake.Settings(BuiltInSchemas.Clicks with { Fields = [.. BuiltInSchemas.Clicks.Fields, new FieldSpec("campaign", FieldKind.String, Required: false)] });
        source.WithPayloads("clicks", 0, [.. before, Click(4, campaign: "spring")]);
        await _lake.RunAsync(source, wider);
        var txn = await _lake.TxnAsync("clicks", "clicks", 0);
        var job = new ClickBatch.Jobs.Maintenance.PromoteJob(ObjectStoreFactory.Create, null, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        var options = new ClickBatch.Jobs.Maintenance.PromoteOptions { LakeUri = _lake.Lake, Tables = ["clicks", "clicks_rejects"], StagingDirectory = _lake.Staging + "-promote" };

        var first = await job.ExecuteAsync(options, CancellationToken.None);
        var version = (await _lake.SnapshotAsync("clicks")).Version;
        var second = await job.ExecuteAsync(options, CancellationToken.None);

        first[0].DeltaVersion.ShouldBe(version);
        first[0].FilesRewritten.ShouldBe(1);
        first[0].Moved.ShouldBe(new Dictionary<string, long> { ["campaign"] = 2 });
        first[0].Refused.ShouldBe(1);
        first[1].DeltaVersion.ShouldBeNull();
        second[0].DeltaVersion.ShouldBeNull();
        second[0].Refused.ShouldBe(1);
        (await _lake.SnapshotAsync("clicks")).Version.ShouldBe(version);
        var files = (await _lake.SnapshotAsync("clicks")).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(f.Path))));
        DuckDb.Query($"SELECT click_id, campaign, _unknown_fields, _kafka_offset FROM read_parquet([{string.Join(", ", files)}], union_by_name = true) ORDER BY 1")
            .Select(r => (r[0], r[1], r[2], r[3])).ShouldBe(
            [
                ("c0", "autumn", "{\"coupon\":7}", 0L),
                ("c1", "winter", null, 1L),
                ("c2", null, "{\"campaign\":5}", 2L),
                ("c3", null, null, 3L),
                ("c4", "spring", "{\"coupon\":7}", 4L),
            ]);
        (await _lake.TxnAsync("clicks", "clicks", 0)).ShouldBe(txn);
    }

    [Theory]
    [InlineData("{\"numRecords\":3,\"nullCount\":{\"_unknown_fields\":3}}", true)]
    [InlineData("{\"numRecords\":3,\"nullCount\":{\"_unknown_fields\":2}}", false)]
    [InlineData("{\"numRecords\":3,\"nullCount\":{\"_unknown_fields\":\"3\"}}", false)]
    [InlineData("{\"numRecords\":3}", false)]
    [InlineData("null", false)]
    [InlineData("[]", false)]
    [InlineData("not json", false)]
    [InlineData("", false)]
    public void Promote_FileStats_SkipOnlyAFileWhoseUnknownFieldsAreAllNull(string stats, bool skipped) =>
        ClickBatch.Jobs.Maintenance.PromoteJob.NoUnknownFields(new ClickBatch.Delta.Actions.AddFile
        {
            Path = "a.parquet", PartitionValues = new Dictionary<string, string?>(), Size = 1, ModificationTime = 0, DataChange = true, Stats = stats,
        }).ShouldBe(skipped);

    [Fact]
    public async Task Promote_DamagedDataFile_FailsNamingTheFileAndCommitsNothing()
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, campaign: "autumn")]);
        await _lake.RunAsync(source);
        var wider = _lake.Settings(BuiltInSchemas.Clicks with { Fields = [.. BuiltInSchemas.Clicks.Fields, new FieldSpec("campaign", FieldKind.String, Required: false)] });
        source.WithPayloads("clicks", 0, [Click(0, campaign: "autumn"), Click(1, campaign: null)]);
        await _lake.RunAsync(source, wider);
        var snapshot = await _lake.SnapshotAsync("clicks");
        var damaged = snapshot.ActiveFiles.First(f => f.Stats!.Contains("\"_unknown_fields\":0", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(damaged.Path)), "not parquet");
        var job = new ClickBatch.Jobs.Maintenance.PromoteJob(ObjectStoreFactory.Create, null, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        var error = await Should.ThrowAsync<ClickBatchException>(() => job.ExecuteAsync(
            new ClickBatch.Jobs.Maintenance.PromoteOptions { LakeUri = _lake.Lake, Tables = ["clicks"], StagingDirectory = _lake.Staging + "-promote" }, CancellationToken.None));

        error.Message.ShouldContain("Could not rewrite data file " + damaged.Path);
        error.ExitCode.ShouldBe(ExitCodes.Failure);
        (await _lake.SnapshotAsync("clicks")).Version.ShouldBe(snapshot.Version);
    }

    /// <summary>
    /// Issue 17, concurrency: task B widens the table while task A (old configuration) appends to another partition. A's
    /// next commit finds B's metaData action and stops with exit 5; what it committed stands, nothing landed twice, and
    /// A's rerun with the new configuration lands the rest exactly once.
    /// </summary>
    [Fact]
    public async Task ExecuteAsync_AnotherTaskWidensTheSchemaMidRun_ThisRunStopsWithAConflictAndTheRerunLandsTheRestOnce()
    {
        var p0 = new KafkaPartition("clicks", 0);
        var p1 = new KafkaPartition("clicks", 1);
        FakeKafkaSource Source(KafkaPartition held)
        {
            var source = new FakeKafkaSource { MaxChunkRecords = 3 }
                .WithPayloads("clicks", 0, Enumerable.Range(0, 9).Select(i => Click(i, campaign: "a")))
                .WithPayloads("clicks", 1, Enumerable.Range(100, 9).Select(i => Click(i, campaign: "b")));
            source.GroupScript.Add(new GroupStep(0, [held], []));
            return source;
        }

        var group = _lake.Settings() with { Assignment = PartitionAssignment.Group, CommitEveryRecords = 2 };
        var wider = _lake.Settings(BuiltInSchemas.Clicks with { Fields = [.. BuiltInSchemas.Clicks.Fields, new FieldSpec("campaign", FieldKind.String, Required: false)] })
            with { Assignment = PartitionAssignment.Group, CommitEveryRecords = 2 };
        var interleaved = new InterleavingSource(Source(p0), () => _lake.RunAsync(Source(p1), wider with { TaskId = "task-b" }));

        var a = await _lake.RunAsync(interleaved, group with { TaskId = "task-a" });

        interleaved.OtherRun!.Status.ShouldBe(RunStatus.Succeeded);
        a.Status.ShouldBe(RunStatus.Conflict);
        a.ExitCode.ShouldBe(ExitCodes.Conflict);
        a.Error.ShouldNotBeNull().ShouldContain("metadata");
        var rerun = await _lake.RunAsync(Source(p0), wider with { TaskId = "task-a" });
        rerun.Status.ShouldBe(RunStatus.Succeeded);
        var files = (await _lake.SnapshotAsync("clicks")).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(_lake.Lake, "clicks", UriPath.Unescape(f.Path))));
        var rows = DuckDb.Query($"SELECT _kafka_partition, _kafka_offset, campaign FROM read_parquet([{string.Join(", ", files)}], union_by_name = true) ORDER BY 1, 2")
            .Select(r => (Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), r[2])).ToList();
        rows.Select(r => (r.Item1, r.Item2)).ShouldBe([.. Enumerable.Range(0, 9).Select(o => (0L, (long)o)), .. Enumerable.Range(0, 9).Select(o => (1L, (long)o))]);
        rows.Where(r => r.Item1 == 1).ShouldAllBe(r => (string?)r.Item3 == "b");
        rows.Where(r => r.Item1 == 0 && r.Item3 != null).ShouldNotBeEmpty();
    }

    [Theory]
    [InlineData("type", "field 'user_id' changes type from integer to long")]
    [InlineData("removed", "field 'url' is gone")]
    [InlineData("required", "new field 'campaign' is required")]
    [InlineData("required-existing", "field 'product' becomes required")]
    public async Task ExecuteAsync_SchemaChangesOtherThanAddingNullableFields_RefusedWithWhatDiffersAndNothingWritten(string change, string message)
    {
        var source = new FakeKafkaSource().WithPayloads("clicks", 0, [Click(0, campaign: null)]);
        await _lake.RunAsync(source);
        var versions = (await _lake.SnapshotAsync("clicks")).Version;
        var fields = BuiltInSchemas.Clicks.Fields.ToList();
        var changed = change switch
        {
            "type" => fields.Select(f => f.Name == "user_id" ? f with { Kind = FieldKind.Long } : f).ToList(),
            "removed" => fields.Where(f => f.Name != "url").ToList(),
            "required" => [.. fields, new FieldSpec("campaign", FieldKind.String, Required: true)],
            _ => fields.Select(f => f.Name == "product" ? f with { Required = true } : f).ToList(),
        };

        var report = await _lake.RunAsync(source, _lake.Settings(BuiltInSchemas.Clicks with { Fields = changed }));

        report.ExitCode.ShouldBe(ExitCodes.Usage);
        report.Error.ShouldNotBeNull().ShouldContain(message);
        (await _lake.SnapshotAsync("clicks")).Version.ShouldBe(versions);
    }

    private static string Click(int i, string? campaign) =>
        "{\"click_id\":\"c" + i + "\",\"user_id\":" + i + ",\"product_id\":\"p\",\"datetime_occured\":\"2026-11-22T10:00:00Z\""
        + (campaign is null ? string.Empty : ",\"campaign\":\"" + campaign + "\",\"coupon\":7") + "}";

    /// <summary>Per row: click id, the campaign column (null when the table has none), and whether _unknown_fields still holds a campaign.</summary>
    private static async Task<List<(object?, object?, bool)>> CampaignsAsync(RunTestLake lake, bool hasColumn)
    {
        var files = (await lake.SnapshotAsync("clicks")).ActiveFiles.Select(f => DuckDb.Literal(Path.Combine(lake.Lake, "clicks", UriPath.Unescape(f.Path))));
        var campaign = hasColumn ? "campaign" : "NULL";
        return DuckDb.Query($"SELECT click_id, {campaign}, coalesce(_unknown_fields LIKE '%campaign%', false) FROM read_parquet([{string.Join(", ", files)}], union_by_name = true) ORDER BY 1")
            .Select(r => (r[0], r[1], (bool)r[2]!)).ToList();
    }
}
