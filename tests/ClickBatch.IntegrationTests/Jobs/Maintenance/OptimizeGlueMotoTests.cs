using ClickBatch.Catalog.Aws;
using ClickBatch.Catalog.Glue;
using ClickBatch.Delta;
using ClickBatch.Delta.Writing;
using ClickBatch.IntegrationTests.Support;
using ClickBatch.Jobs.Maintenance;
using ClickBatch.Jobs.Register;
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

        result.Single().DeltaVersion.ShouldNotBeNull();
        var snapshot = await new DeltaLog(ObjectStoreFactory.Create(harness.TableOf(harness.Clicks))).GetSnapshotAsync(null, CancellationToken.None);
        var table = RegisterJob.GlueTableName(harness.Clicks);
        (await glue.GetTableAsync(database, table, CancellationToken.None)).ShouldNotBeNull();
        var expected = snapshot.ActiveFiles.Select(f => PartitionPath.Build(snapshot.PartitionColumns, f.PartitionValues)).Distinct().Count();
        (await glue.GetPartitionsAsync(database, table, null, CancellationToken.None)).Count.ShouldBe(expected);
    }
}
