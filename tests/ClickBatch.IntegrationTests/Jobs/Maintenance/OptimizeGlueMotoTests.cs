using ClickBatch.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Snapshots;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickBatch.IntegrationTests.Jobs.Maintenance;

/// <summary>With --glue-database, Glue follows the optimized snapshot (moto_server as Glue).</summary>
[Collection(MotoCollection.Name)]
public sealed class OptimizeGlueMotoTests(MotoServerFixture moto, LocalKafkaFixture kafka) : IClassFixture<LocalKafkaFixture>
{
    [Fact]
    public async Task ExecuteAsync_WithGlueDatabase_RegistersTheTableAndEveryPartitionOfTheNewSnapshot()
    {
        using var harness = new RunHarness(kafka, partitions: 2);
        await harness.ProduceAsync(clicks: 600);
        var small = harness.Settings(commitEveryRecords: 100);
        (await harness.RunAsync(small with { Source = small.Source with { MaxChunkRecords = 100 } })).ExitCode.ShouldBe(0);
        var database = MotoServerFixture.UniqueName("db");
        var glue = new GlueClient(moto.CreateJsonClient(AwsService.Glue));

        var result = await new OptimizeJob(ObjectStoreFactory.Create, glue, TimeProvider.System, NullLoggerFactory.Instance).ExecuteAsync(
            new OptimizeOptions { LakeUri = harness.Lake, Tables = [harness.Clicks], GlueDatabase = database }, CancellationToken.None);

        var snapshot = await new DeltaLog(ObjectStoreFactory.Create(harness.TableOf(harness.Clicks))).GetSnapshotAsync(null, CancellationToken.None);
        result.Single().DeltaVersion.ShouldBe(snapshot.Version);
        var table = GlueNames.Table(harness.Clicks);
        var manifests = "file://" + harness.TableOf(harness.Clicks) + "/_symlink_format_manifest/";
        (await glue.GetTableAsync(database, table, CancellationToken.None)).ShouldNotBeNull().StorageDescriptor!.Location.ShouldBe(manifests);

        // One Glue partition per partition value of the optimized snapshot, at its manifest folder, whose manifest
        // lists exactly that partition's active files (what Spectrum reads).
        var column = snapshot.PartitionColumns.ShouldHaveSingleItem();
        var expected = snapshot.ActiveFiles.GroupBy(f => f.PartitionValues[column]!).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        expected.ShouldNotBeEmpty();
        var partitions = (await glue.GetPartitionsAsync(database, table, null, CancellationToken.None))
            .OrderBy(p => p.Values.Single(), StringComparer.Ordinal).ToList();
        partitions.Select(p => (p.Values.Single(), p.StorageDescriptor!.Location))
            .ShouldBe(expected.Select(g => (g.Key, (string?)(manifests + column + "=" + g.Key + "/"))));
        foreach (var (partition, files) in partitions.Zip(expected))
        {
            var listed = File.ReadAllLines(new Uri(partition.StorageDescriptor!.Location + "manifest").LocalPath).Select(l => new Uri(l).LocalPath);
            listed.Order(StringComparer.Ordinal).ShouldBe(files.Select(f => Path.Combine(harness.TableOf(harness.Clicks), Uri.UnescapeDataString(f.Path)))
                .Order(StringComparer.Ordinal), "manifest of " + files.Key);
        }
    }
}
