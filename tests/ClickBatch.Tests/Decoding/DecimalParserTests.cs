using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Decoding;

public class DecimalParserTests
{
    [Theory]
    [InlineData("12.34", 10, 2, "12.34")]
    [InlineData("12.3", 10, 2, "12.3")]
    [InlineData("12", 10, 2, "12")]
    [InlineData("-0.01", 10, 2, "-0.01")]
    [InlineData("12.340000", 10, 2, "12.34")]
    [InlineData("99999999.99", 10, 2, "99999999.99")]
    [InlineData("-99999999.99", 10, 2, "-99999999.99")]
    [InlineData("1.5e2", 10, 2, "150")]
    [InlineData("1234E-2", 10, 2, "12.34")]
    [InlineData("0.000", 10, 2, "0")]
    [InlineData("000012.5", 10, 2, "12.5")]
    [InlineData("999999999999999999", 18, 0, "999999999999999999")]
    [InlineData("0.123456789012345678", 18, 18, "0.123456789012345678")]
    public void TryParse_ExactValues_ReturnsUnscaled(string text, int precision, int scale, string expected)
    {
        var expectedUnscaled = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < scale; i++)
        {
            expectedUnscaled *= 10;
        }

        DecimalParser.TryParse(Encoding.UTF8.GetBytes(text), precision, scale, out var unscaled).ShouldBe(DecimalParseResult.Ok);

        unscaled.ShouldBe((long)expectedUnscaled);
    }

    [Theory]
    [InlineData("12.345", 10, 2, DecimalParseResult.TooManyFractionDigits)]
    [InlineData("0.001", 10, 2, DecimalParseResult.TooManyFractionDigits)]
    [InlineData("1e-3", 10, 2, DecimalParseResult.TooManyFractionDigits)]
    [InlineData("100000000", 10, 2, DecimalParseResult.TooManyIntegerDigits)]
    [InlineData("-100000000.00", 10, 2, DecimalParseResult.TooManyIntegerDigits)]
    [InlineData("1e8", 10, 2, DecimalParseResult.TooManyIntegerDigits)]
    [InlineData("1e99999", 10, 2, DecimalParseResult.TooManyIntegerDigits)]
    [InlineData("abc", 10, 2, DecimalParseResult.NotANumber)]
    [InlineData("1.", 10, 2, DecimalParseResult.NotANumber)]
    [InlineData("", 10, 2, DecimalParseResult.NotANumber)]
    [InlineData("1.2.3", 10, 2, DecimalParseResult.NotANumber)]
    public void TryParse_NotExactlyRepresentable_Refuses(string text, int precision, int scale, DecimalParseResult expected)
    {
        DecimalParser.TryParse(Encoding.UTF8.GetBytes(text), precision, scale, out _).ShouldBe(expected);
    }

    // Reject kinds from docs/decoding.md's type table: decimal(10,2) takes a JSON number or a numeric string; more than
    // 2 fractional or 8 integer digits is number_out_of_range (never rounded); another JSON type is wrong_type.
    [Theory]
    [InlineData("{\"total_amount\":19.99}", null)]
    [InlineData("{\"total_amount\":\"19.99\"}", null)]
    [InlineData("{\"total_amount\":19.999}", RejectKind.NumberOutOfRange)]
    [InlineData("{\"total_amount\":123456789.5}", RejectKind.NumberOutOfRange)]
    [InlineData("{\"total_amount\":true}", RejectKind.WrongType)]
    public void RecordDecoder_DecimalField_StoresExactOrRejects(string fragment, RejectKind? expectedReject)
    {
        var json = "{\"checkout_id\":\"k\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\","
            + fragment[1..];
        var decoder = new RecordDecoder(BuiltInSchemas.Checkouts, Support.Records.Options());

        decoder.TryDecode(Support.Records.Json(json)).ShouldBe(expectedReject is null);

        if (expectedReject is null)
        {
            ((ValueColumn<long>)decoder.Row.Columns[4]).Values[0].ShouldBe(1999);
        }
        else
        {
            decoder.Reject!.Kind.ShouldBe(expectedReject.Value);
        }
    }
}
