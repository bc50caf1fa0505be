using ClickBatch.Catalog.Glue;
using ClickBatch.Delta.Schema;
using ClickBatch.Errors;

namespace ClickBatch.Tests.Catalog.Glue;

public sealed class HiveTypesTests
{
    [Theory]
    [InlineData("string", "string")]
    [InlineData("long", "bigint")]
    [InlineData("integer", "int")]
    [InlineData("short", "smallint")]
    [InlineData("byte", "tinyint")]
    [InlineData("float", "float")]
    [InlineData("double", "double")]
    [InlineData("boolean", "boolean")]
    [InlineData("binary", "binary")]
    [InlineData("date", "date")]
    [InlineData("timestamp", "timestamp")]
    [InlineData("timestamp_ntz", "timestamp")]
    public void Of_Primitive_GivesTheHiveName(string delta, string hive)
    {
        HiveTypes.Of(new PrimitiveType(delta)).ShouldBe(hive);
    }

    [Fact]
    public void Of_NestedTypes_WritesHiveSyntaxWithoutSpaces()
    {
        var device = new StructType([new StructField("os", PrimitiveType.String), new StructField("build", PrimitiveType.Long)]);
        var type = new StructType(
        [
            new StructField("device", device),
            new StructField("tags", new ArrayType(PrimitiveType.String, true)),
            new StructField("attrs", new MapType(PrimitiveType.String, new DecimalType(18, 4), true)),
        ]);

        HiveTypes.Of(type).ShouldBe("struct<device:struct<os:string,build:bigint>,tags:array<string>,attrs:map<string,decimal(18,4)>>");
    }

    [Fact]
    public void Of_UnknownPrimitive_ThrowsNamingIt()
    {
        Should.Throw<ClickBatchException>(() => HiveTypes.Of(new PrimitiveType("variant"))).Message.ShouldContain("variant");
    }
}
