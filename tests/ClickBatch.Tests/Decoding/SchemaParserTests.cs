using ClickBatch.Decoding;
using ClickBatch.Errors;

namespace ClickBatch.Tests.Decoding;

public class SchemaParserTests
{
    [Fact]
    public void Parse_TextForm_ReadsTypesRequiredAndDecimal()
    {
        var schema = SchemaParser.Parse("orders", "id:string!, user_id:int!,price:double,total:decimal(10, 2),at:timestamp!,day:date,n:long,ok:boolean", "at");

        schema.Fields.ShouldBe(
        [
            new FieldSpec("id", FieldKind.String, true),
            new FieldSpec("user_id", FieldKind.Int, true),
            new FieldSpec("price", FieldKind.Double, false),
            FieldSpec.Decimal("total", 10, 2),
            new FieldSpec("at", FieldKind.Timestamp, true),
            new FieldSpec("day", FieldKind.Date, false),
            new FieldSpec("n", FieldKind.Long, false),
            new FieldSpec("ok", FieldKind.Boolean, false),
        ]);
        schema.EventTimeIndex.ShouldBe(4);
    }

    [Fact]
    public void Parse_JsonForm_ReadsFields()
    {
        var schema = SchemaParser.Parse("orders",
            """[{"name":"id","type":"string","required":true},{"name":"amount","type":"decimal(12,4)"}]""", null);

        schema.Fields.ShouldBe([new FieldSpec("id", FieldKind.String, true), FieldSpec.Decimal("amount", 12, 4)]);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsAllAtOnce()
    {
        var ex = Should.Throw<ConfigurationException>(() => SchemaParser.Parse("orders",
            "id:string!,id:int,amount:decimal(19,2),x:varchar,_kafka_offset:long,bad name:string,noType", "when"));

        ex.Problems.Count.ShouldBe(7);
        ex.Problems.ShouldContain(p => p.Contains("entry 'noType' must be name:type"));
        ex.Problems.ShouldContain(p => p.Contains("'id' appears twice"));
        ex.Problems.ShouldContain(p => p.Contains("'amount' has unknown type 'decimal(19,2)'"));
        ex.Problems.ShouldContain(p => p.Contains("'x' has unknown type 'varchar'"));
        ex.Problems.ShouldContain(p => p.Contains("'_kafka_offset' uses a name reserved"));
        ex.Problems.ShouldContain(p => p.Contains("'bad name' contains"));
        ex.Problems.ShouldContain(p => p.Contains("event-time field 'when' is not one of the schema's fields"));
    }

    [Fact]
    public void Parse_EventTimeNotTimestamp_Refuses()
    {
        var ex = Should.Throw<ConfigurationException>(() => SchemaParser.Parse("t", "id:string,at:string", "at"));

        ex.Problems.ShouldHaveSingleItem().ShouldContain("must be a timestamp or date");
    }

    [Fact]
    public void Parse_InvalidJson_ReportsProblem()
    {
        var ex = Should.Throw<ConfigurationException>(() => SchemaParser.Parse("t", "[{\"name\":", null));

        ex.Problems.ShouldContain(p => p.Contains("invalid JSON"));
    }

    [Fact]
    public void BuiltInSchemas_DeltaTypes_MatchIssueDefaults()
    {
        BuiltInSchemas.Checkouts.Fields.Select(f => f.Name + ":" + f.DeltaTypeName).ShouldBe(
        [
            "checkout_id:string", "user_id:integer", "product_id:string", "payment_method:string",
            "total_amount:decimal(10,2)", "shipping_address:string", "billing_address:string", "user_agent:string",
            "ip_address:string", "datetime_occured:timestamp",
        ]);
        BuiltInSchemas.Clicks.Fields.Where(f => f.Required).Select(f => f.Name)
            .ShouldBe(["click_id", "user_id", "product_id", "datetime_occured"]);
    }
}
