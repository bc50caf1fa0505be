using ClickBatch.Decoding;
using ClickBatch.Landing;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Decoding;

/// <summary>
/// A lone surrogate escape inside an unknown field is valid JSON text and stays as written in <c>_unknown_fields</c>
/// (issue 13): the column is text, not parsed, so a second engine reads it back unchanged.
/// </summary>
public class UnknownFieldsDuckDbTests
{
    [Fact]
    public async Task CompleteAsync_LoneSurrogateEscapeInUnknownField_DuckDbReadsTheTextByteExact()
    {
        using var temp = new TempDirectory();
        const string unknown = "{\"note\":\"x\\ud800y\",\"deep\":[\"\\udbff\",{\"\\udc00\":1}]}";
        await using (var sink = new TopicFileSink(BuiltInSchemas.Clicks, Records.Options(), temp.Sub("data"), temp.Sub("rejects")))
        {
            sink.Add(Records.Json("{\"click_id\":\"c\",\"note\":\"x\\ud800y\",\"user_id\":1,\"product_id\":\"p\",\"deep\":[\"\\udbff\",{\"\\udc00\":1}],"
                + "\"datetime_occured\":\"2026-12-05 10:00:00\"}")).ShouldBe(SinkOutcome.Row);
            await sink.CompleteAsync(CancellationToken.None);
        }

        var row = DuckDb.Query("SELECT _unknown_fields, typeof(_unknown_fields), octet_length(encode(_unknown_fields)) "
            + $"FROM read_parquet({DuckDb.Literal(temp.Sub("data") + "/**/*.parquet")})").ShouldHaveSingleItem();

        row[0].ShouldBe(unknown);
        row[1].ShouldBe("VARCHAR");
        row[2].ShouldBe((long)unknown.Length);
    }
}
