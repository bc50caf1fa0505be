using System.Text.Json.Nodes;
using ClickBatch.Delta;
using ClickBatch.Delta.Schema;
using ClickBatch.Delta.Snapshots;
using ClickBatch.Storage;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Delta.Schema;

public class DeltaSchemaTests
{
    public static IEnumerable<object[]> Tables() => ConformanceTables.Names();

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Serialize_ParsedConformanceSchema_ReproducesTheSchemaStringJson(string name)
    {
        var log = new DeltaLog(ObjectStoreFactory.Create(ConformanceTables.TablePath(name)));
        var schemaString = (await log.GetSnapshotAsync(null, CancellationToken.None)).Metadata.SchemaString;

        var roundTripped = DeltaSchema.Serialize(DeltaSchema.Parse(schemaString));

        JsonNode.DeepEquals(JsonNode.Parse(roundTripped), JsonNode.Parse(schemaString)).ShouldBeTrue(roundTripped);
    }

    [Fact]
    public void Parse_NestedTypes_BuildsTypedModelAndReadableTypeStrings()
    {
        const string json = """
            {"type":"struct","fields":[
             {"name":"d","type":"decimal(38, 18)","nullable":false,"metadata":{}},
             {"name":"m","type":{"type":"map","keyType":"string","valueType":{"type":"array","elementType":{"type":"struct","fields":[{"name":"v","type":"integer","nullable":true,"metadata":{}}]},"containsNull":true},"valueContainsNull":false},"nullable":true,"metadata":{"comment":"x"}}]}
            """;

        var schema = DeltaSchema.Parse(json);

        schema.Fields[0].Type.ShouldBe(new DecimalType(38, 18));
        schema.Fields[0].Nullable.ShouldBeFalse();
        schema.Fields[0].Type.ToTypeString().ShouldBe("decimal(38,18)");
        var map = schema.Fields[1].Type.ShouldBeOfType<MapType>();
        map.ValueContainsNull.ShouldBeFalse();
        map.ToTypeString().ShouldBe("map<string, array<struct<v: integer>>>");
        schema.Fields[1].Metadata["comment"].GetString().ShouldBe("x");
    }

    [Fact]
    public void Serialize_BuiltSchema_WritesProtocolFieldOrderAndEmptyMetadata()
    {
        var schema = new StructType([
            new StructField("id", PrimitiveType.Long, nullable: false),
            new StructField("tags", new ArrayType(PrimitiveType.String, ContainsNull: true)),
        ]);

        DeltaSchema.Serialize(schema).ShouldBe(
            """{"type":"struct","fields":[{"name":"id","type":"long","nullable":false,"metadata":{}},{"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true,"metadata":{}}]}""");
    }

    [Fact]
    public void Parse_ColumnMappedField_ExposesPhysicalName()
    {
        const string json = """{"type":"struct","fields":[{"name":"a b","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-1"}}]}""";

        DeltaSchema.Parse(json).Fields[0].PhysicalName.ShouldBe("col-1");
    }

    [Fact]
    public void Parse_NotASchema_ThrowsCorruptLogError()
    {
        Should.Throw<DeltaLogCorruptException>(() => DeltaSchema.Parse("""{"type":"array"}"""))
            .Message.ShouldContain("schemaString");
        Should.Throw<DeltaLogCorruptException>(() => DeltaSchema.Parse("not json"));
    }
}
