using System.Text;
using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Manifests;
using ClickBatch.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.Tests.Delta.Manifests;

public class ManifestWriterTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static readonly Dictionary<string, string?> ManifestsOn = new() { ["delta.compatibility.symlinkFormatManifest.enabled"] = "true" };

    [Fact]
    public async Task CommitAsync_ManifestsEnabled_WritesAbsoluteUrisPerTouchedPartition()
    {
        using var t = new DeltaTestTable(ManifestsOn, partitioned: true);
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/a.parquet", eventDate: "2026-11-01"));
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/b%20c.parquet", eventDate: "2026-11-01"));
        await t.AppendAsync(DeltaTestTable.Add("event_date=__HIVE_DEFAULT_PARTITION__/n.parquet", eventDate: null));

        var day = await ReadAsync(t, "_symlink_format_manifest/event_date=2026-11-01/manifest");
        var nulls = await ReadAsync(t, "_symlink_format_manifest/event_date=__HIVE_DEFAULT_PARTITION__/manifest");

        var root = new Uri(t.Path + "/").AbsoluteUri;
        day.ShouldBe(root + "event_date=2026-11-01/a.parquet\n" + root + "event_date=2026-11-01/b c.parquet\n");
        nulls.ShouldBe(root + "event_date=__HIVE_DEFAULT_PARTITION__/n.parquet\n");
    }

    /// <summary>The shortcut for plain keys gives exactly <see cref="ManifestWriter.Line"/>'s line, on local and S3 roots.</summary>
    [Theory]
    [InlineData("event_date=2026-11-01/part-00000-3b6e7f26-8140-4067-8504-47540a363758.c000.zstd.parquet")]
    [InlineData("event_date=__HIVE_DEFAULT_PARTITION__/n.parquet")]
    [InlineData("f.parquet")]
    [InlineData("event_date=a b/f.parquet")]
    [InlineData("event_date=50%25/f.parquet")]
    [InlineData("event_date=x%3Dy/f+g.parquet")]
    [InlineData("d\u00e9j\u00e0/f.parquet")]
    [InlineData("a/./b.parquet")]
    [InlineData("./b.parquet")]
    [InlineData("a/../b.parquet")]
    [InlineData("a//b.parquet")]
    public void Lines_AnyKey_IsLinesOwnForm(string key)
    {
        using var dir = new TempDirectory();
        var local = ClickBatch.Storage.ObjectStoreFactory.Create(Path.Combine(dir.Path, "lake 50%", "clicks"));
        var s3 = ClickBatch.Storage.ObjectStoreFactory.Create("s3://bucket/lake/clicks", new Dictionary<string, string> { ["AWS_REGION"] = "eu-west-1", ["AWS_ACCESS_KEY_ID"] = "k", ["AWS_SECRET_ACCESS_KEY"] = "s" }, TimeProvider.System);

        ManifestWriter.Lines(local)(key).ShouldBe(ManifestWriter.Line(local, key));
        ManifestWriter.Lines(s3)(key).ShouldBe(ManifestWriter.Line(s3, key));
    }

    /// <summary>
    /// Delta's GenerateSymlinkManifest writes Hadoop's Path.toString (unescaped); Hive's SymlinkTextInputFormat reads
    /// a line with new Path(line), taking the text after the scheme as the literal object key (docs/aws.md).
    /// </summary>
    [Theory]
    [InlineData("a b", "event_date=a b/f.parquet")]
    [InlineData("50%", "event_date=50%25/f.parquet")]
    [InlineData("x=y", "event_date=x%3Dy/f.parquet")]
    [InlineData("café", "event_date=café/f.parquet")]
    public async Task CommitAsync_PartitionValueWithEscapes_WritesTheObjectKeyLiterallyAsDeltaDoes(string value, string expectedKey)
    {
        using var t = new DeltaTestTable(ManifestsOn, partitioned: true);
        await t.CreateAsync();
        var values = new Dictionary<string, string?> { ["event_date"] = value };
        var folder = PartitionPath.Build(["event_date"], values);
        await t.Store.PutAsync(folder + "/f.parquet", new byte[] { 1 }, Ct);

        await t.AppendAsync(AddFile.Create(folder + "/f.parquet", values, 1, DateTimeOffset.UnixEpoch, null));

        var line = (await ReadAsync(t, ManifestWriter.ManifestKey(folder))).TrimEnd('\n');
        line.ShouldBe("file://" + t.Path + "/" + expectedKey);
        File.Exists(line["file://".Length..]).ShouldBeTrue("a Hive reader takes the line's path literally");
    }

    /// <summary>
    /// Issue 16: two writers append to one partition; the first one's manifest write is held back until the second has
    /// committed and written its own manifest, so the first, older manifest lands last. It must not stay that way.
    /// </summary>
    [Fact]
    public async Task CommitAsync_AnotherWriterCommitsBeforeThisManifestLands_ManifestEndsWithBothWritersFiles()
    {
        using var t = new DeltaTestTable(ManifestsOn, partitioned: true);
        await t.CreateAsync();
        var manifest = "_symlink_format_manifest/event_date=2026-11-01/manifest";
        var held = true;
        var slowStore = new InterceptingStore(t.Store, (key, _) =>
        {
            if (key == manifest && held)
            {
                held = false;
                t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/b.parquet", eventDate: "2026-11-01")).GetAwaiter().GetResult();
            }
        });
        var slow = new ClickBatch.Delta.Writing.DeltaTable(slowStore, t.Table.Options);
        var tx = slow.StartTransaction(await t.SnapshotAsync(), "WRITE");
        tx.Add(DeltaTestTable.Add("event_date=2026-11-01/a.parquet", eventDate: "2026-11-01"));

        var result = await tx.CommitAsync(Ct);

        (result.Version, held).ShouldBe((1L, false));
        var root = new Uri(t.Path + "/").AbsoluteUri;
        (await ReadAsync(t, manifest)).ShouldBe(root + "event_date=2026-11-01/a.parquet\n" + root + "event_date=2026-11-01/b.parquet\n");
        result.ManifestsStale.ShouldBeFalse();
    }

    [Fact]
    public async Task CommitAsync_PartitionEmptied_DeletesItsManifest()
    {
        using var t = new DeltaTestTable(ManifestsOn, partitioned: true);
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/a.parquet", eventDate: "2026-11-01"));
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-02/b.parquet", eventDate: "2026-11-02"));
        var snapshot = await t.SnapshotAsync();
        var tx = t.Table.StartTransaction(snapshot, "DELETE");
        tx.Remove(RemoveFile.For(snapshot.ActiveFiles.Single(f => f.Path.StartsWith("event_date=2026-11-01", StringComparison.Ordinal)), 1));
        await tx.CommitAsync(Ct);

        (await t.Store.ExistsAsync("_symlink_format_manifest/event_date=2026-11-01/manifest", Ct)).ShouldBeFalse();
        (await t.Store.ExistsAsync("_symlink_format_manifest/event_date=2026-11-02/manifest", Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task RebuildAsync_StaleAndMissingManifests_MatchesTheSnapshotExactly()
    {
        using var t = new DeltaTestTable(partitioned: true);
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/a.parquet", eventDate: "2026-11-01"));
        await t.Store.PutAsync("_symlink_format_manifest/event_date=1999-01-01/manifest", "stale\n"u8.ToArray(), Ct);

        await ManifestWriter.RebuildAsync(t.Store, await t.SnapshotAsync(), NullLogger.Instance, Ct);

        var keys = await t.Store.ListAsync(ManifestWriter.Prefix, null, Ct).Select(o => o.Key).ToListAsync();
        keys.ShouldBe(["_symlink_format_manifest/event_date=2026-11-01/manifest"]);
    }

    [Fact]
    public async Task CommitAsync_UnpartitionedTable_WritesOneRootManifest()
    {
        using var t = new DeltaTestTable(ManifestsOn);
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("a.parquet"));

        (await ReadAsync(t, "_symlink_format_manifest/manifest")).ShouldBe(new Uri(t.Path + "/a.parquet").AbsoluteUri + "\n");
    }

    [Fact]
    public async Task CommitAsync_ManifestsNotEnabled_WritesNone()
    {
        using var t = new DeltaTestTable();
        await t.CreateAsync();
        await t.AppendAsync(DeltaTestTable.Add("a.parquet"));

        (await t.Store.ListAsync(ManifestWriter.Prefix, null, Ct).ToListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitAsync_ManifestCannotBeWritten_CommitStandsAndResultSaysManifestsStale()
    {
        using var t = new DeltaTestTable(ManifestsOn, partitioned: true);
        await t.CreateAsync();
        File.WriteAllText(Path.Combine(t.Path, "_symlink_format_manifest"), "a file where the manifest folder belongs");

        var result = await t.AppendAsync(DeltaTestTable.Add("event_date=2026-11-01/a.parquet", eventDate: "2026-11-01"));

        result.Version.ShouldBe(1);
        result.ManifestsStale.ShouldBeTrue();
        (await t.SnapshotAsync()).ActiveFiles.Count.ShouldBe(1);
    }

    private static async Task<string> ReadAsync(DeltaTestTable t, string key) => Encoding.UTF8.GetString(await t.Store.ReadAllBytesAsync(key, Ct));
}
