using ClickBatch.Delta;
using ClickBatch.Delta.Actions;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Delta.Writing;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Writing;

public class DeltaWriteSupportTests
{
    private static readonly Uri Table = new("file:///t/");
    private const string PlainSchema = """{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}}]}""";

    [Theory]
    [InlineData("table-with-dv-small", "deletionVectors")]
    [InlineData("dv-with-columnmapping", "columnMapping")]
    [InlineData("table_with_column_mapping", "columnMapping (mode name)")]
    [InlineData("table-with-columnmapping-mode-id", "columnMapping (mode id)")]
    public async Task EnsureCanWrite_ConformanceTableWithFeature_RefusesNamingIt(string name, string feature)
    {
        var snapshot = await new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath(name))).GetSnapshotAsync(null, CancellationToken.None);

        var ex = Should.Throw<DeltaFeatureNotSupportedException>(() => DeltaWriteSupport.EnsureCanWrite(snapshot.Table, snapshot.Protocol, snapshot.Metadata));

        ex.Features.ShouldContain(f => f.StartsWith(feature, StringComparison.Ordinal));
        ex.Message.ShouldContain(feature);
        // A feature both lists name is reported once.
        ex.Features.Count(f => f.StartsWith(feature, StringComparison.Ordinal)).ShouldBe(1);
    }

    [Theory]
    [InlineData("dat-basic_partitioned")]
    [InlineData("app-txn-checkpoint")]
    [InlineData("data-reader-timestamp_ntz")]
    public async Task EnsureCanWrite_PlainConformanceTable_Allows(string name)
    {
        var snapshot = await new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath(name))).GetSnapshotAsync(null, CancellationToken.None);

        DeltaWriteSupport.FindUnsupported(snapshot.Protocol, snapshot.Metadata).ShouldBeEmpty();
    }

    [Fact]
    public void FindUnsupported_LegacyWriterFourWithConstraintsAndCdf_ListsAllAtOnce()
    {
        var metadata = Metadata(new Dictionary<string, string?> { ["delta.constraints.positive"] = "id > 0", ["delta.enableChangeDataFeed"] = "true" });

        var problems = DeltaWriteSupport.FindUnsupported(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 4 }, metadata);

        problems.ShouldBe(["checkConstraints (CHECK constraints)", "changeDataFeed"]);
    }

    [Fact]
    public void FindUnsupported_LegacyWriterTwoWithConstraintsProperty_AllowsBecauseVersionDoesNotImplyIt()
    {
        var metadata = Metadata(new Dictionary<string, string?> { ["delta.constraints.positive"] = "id > 0" });

        DeltaWriteSupport.FindUnsupported(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 2 }, metadata).ShouldBeEmpty();
    }

    [Fact]
    public void FindUnsupported_WriterSevenFeatures_RefusesUnknownAndRowTracking()
    {
        var protocol = new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 7, WriterFeatures = ["appendOnly", "rowTracking", "identityColumns"] };

        DeltaWriteSupport.FindUnsupported(protocol, Metadata([])).ShouldBe(["rowTracking", "identityColumns"]);
    }

    [Theory]
    [InlineData(3, null)]
    [InlineData(7, new[] { "timestampNtz" })]
    public void FindUnsupported_CheckpointStatsNotAsJsonOnly_RefusedOnWriterThreeAndOnSevenWhichInheritsIt(int writerVersion, string[]? writerFeatures)
    {
        var protocol = new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = writerVersion, WriterFeatures = writerFeatures };
        var metadata = Metadata(new Dictionary<string, string?>
        {
            ["delta.checkpoint.writeStatsAsStruct"] = "true",
            ["delta.checkpoint.writeStatsAsJson"] = "false",
        });

        DeltaWriteSupport.FindUnsupported(protocol, metadata).ShouldBe(
            ["delta.checkpoint.writeStatsAsStruct=true", "delta.checkpoint.writeStatsAsJson=false"]);
        DeltaWriteSupport.FindUnsupported(protocol, Metadata(new Dictionary<string, string?> { ["delta.checkpoint.writeStatsAsJson"] = "true" })).ShouldBeEmpty();
    }

    [Fact]
    public void FindUnsupported_GeneratedColumnOnWriterFour_Refuses()
    {
        var metadata = new MetadataAction
        {
            Id = "t",
            SchemaString = """{"type":"struct","fields":[{"name":"d","type":"date","nullable":true,"metadata":{"delta.generationExpression":"CAST(ts AS DATE)"}}]}""",
        };

        DeltaWriteSupport.FindUnsupported(new ProtocolAction { MinReaderVersion = 1, MinWriterVersion = 4 }, metadata).ShouldBe(["generatedColumns"]);
    }

    [Fact]
    public void EnsureCanWrite_FutureProtocol_RefusesNamingVersions()
    {
        Should.Throw<DeltaFeatureNotSupportedException>(() =>
            DeltaWriteSupport.EnsureCanWrite(Table, new ProtocolAction { MinReaderVersion = 4, MinWriterVersion = 8 }, Metadata([])))
            .Message.ShouldContain("protocol 4/8");
    }

    private static MetadataAction Metadata(Dictionary<string, string?> configuration) =>
        new() { Id = "t", SchemaString = PlainSchema, Configuration = configuration };
}
