using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Decoding;

/// <summary>One row's _unknown_fields into the columns the table gained: what moves, and that nothing else is lost.</summary>
public sealed class UnknownFieldsPromotionTests
{
    private static readonly FieldSpec[] Fields =
    [
        new("click_id", FieldKind.String, Required: true),
        new("coupon", FieldKind.Long, Required: false),
        new("campaign", FieldKind.String, Required: false),
        new(MetadataColumns.UnknownFields, FieldKind.String, Required: false),
    ];

    [Theory]
    [InlineData(true, "{\"coupon\":7,\"x\":[1, 2]}", 7L, null, "{\"x\":[1, 2]}")]
    [InlineData(true, "{\"c\\u0061mpaign\":\"a\\u00e9\"}", null, "a\u00e9", "")]
    [InlineData(true, "{\"coupon\":null,\"campaign\":\"w\"}", null, "w", "")]
    [InlineData(true, "{\"coupon\":\"7\",\"campaign\":\"w\"}", null, "w", "{\"coupon\":\"7\"}")]
    [InlineData(true, "{\"campaign\":\"first\",\"campaign\":\"second\"}", null, "first", "{\"campaign\":\"second\"}")]
    [InlineData(false, "{\"coupon\":1.5,\"click_id\":\"c9\",\"_kafka_offset\":3}", null, null, "")]
    public void TryPromote_ARowsUnknownFields_MovesWhatFitsAndKeepsTheRestByteExact(bool moves, string json, long? coupon, string? campaign, string rest)
    {
        var promotion = new UnknownFieldsPromotion(Fields);

        var moved = promotion.TryPromote(Encoding.UTF8.GetBytes(json), index => index != 0);

        moved.ShouldBe(moves);
        if (!moved)
        {
            return;
        }

        (promotion.Promoted(1) ? Value(promotion.Value(1)) : null).ShouldBe(coupon?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (promotion.Promoted(2) ? Value(promotion.Value(2)) : null).ShouldBe(campaign);
        Encoding.UTF8.GetString(promotion.Rest).ShouldBe(rest);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("{\"coupon\":7")]
    public void TryPromote_TextThatIsNotOneJsonObject_KeepsTheRowAsItIs(string json) =>
        new UnknownFieldsPromotion(Fields).TryPromote(Encoding.UTF8.GetBytes(json), _ => true).ShouldBeFalse();

    [Fact]
    public void TryPromote_EscapedStringThatIsNotUtf8_KeepsTheRowInsteadOfThrowing()
    {
        byte[] json = [.. Encoding.UTF8.GetBytes("{\"campaign\":\"a\\n"), 0xFF, .. Encoding.UTF8.GetBytes("\"}")];

        new UnknownFieldsPromotion(Fields).TryPromote(json, _ => true).ShouldBeFalse();
    }

    [Fact]
    public void TryPromote_ColumnAlreadyHoldsAValue_LeavesThePropertyInUnknownFields()
    {
        var promotion = new UnknownFieldsPromotion(Fields);

        promotion.TryPromote(Encoding.UTF8.GetBytes("{\"coupon\":7,\"campaign\":\"w\"}"), index => index != 1).ShouldBeTrue();

        promotion.Promoted(1).ShouldBeFalse();
        Encoding.UTF8.GetString(promotion.Rest).ShouldBe("{\"coupon\":7}");
    }

    private static string? Value(ColumnBuffer column) => column switch
    {
        _ when column.ValueCount == 0 => null,
        ValueColumn<long> longs => longs.Values[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
        BytesColumn bytes => Encoding.UTF8.GetString(bytes.Value(0)),
        _ => throw new InvalidOperationException(column.GetType().Name),
    };
}
