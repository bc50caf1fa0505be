using System.Buffers;
using ClickBatch.Decoding;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Decoding;

/// <summary>Inputs that once threw out of the decoder and stopped every run (issue 13 item 1), and the double range rule.</summary>
public class RecordDecoderHostileInputTests
{
    private const string Rest = "\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\"";

    private static RecordDecoder Clicks() => new(BuiltInSchemas.Clicks, Records.Options());

    [Theory]
    [InlineData("{\"click_id\":\"\\ud800\"," + Rest + "}", "click_id")]
    [InlineData("{\"click_id\":\"a\\udc00b\"," + Rest + "}", "click_id")]
    [InlineData("{\"click_id\":\"\\ud800\\u0041\"," + Rest + "}", "click_id")]
    [InlineData("{\"click_id\":\"c\",\"product\":\"x\\udbff\"," + Rest + "}", "product")]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2026-12-05 10:00:00\\ud800\"}", "datetime_occured")]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"\\udc002026-12-05 10:00:00\"}", "datetime_occured")]
    public void TryDecode_LoneSurrogateEscapeInKnownField_RejectsAsInvalidEscapeNamingTheField(string json, string field)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(json)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidEscape);
        decoder.Reject.Message.ShouldContain("'" + field + "'");
        decoder.Reject.Message.ShouldContain("surrogate");
    }

    [Theory]
    [InlineData("{\"click_id\\ud800\":\"c\"," + Rest + "}")]
    [InlineData("{\"\\udc00\":1,\"click_id\":\"c\"," + Rest + "}")]
    [InlineData("{\"click_id\":\"c\",\"\\u0075ser_id\\ud800\":1," + Rest + "}")]
    public void TryDecode_LoneSurrogateEscapeInPropertyName_RejectsAsInvalidEscape(string json)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(json)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidEscape);
        decoder.Reject.Message.ShouldContain("property name");
    }

    [Fact]
    public void TryDecode_LoneSurrogateInDecimalString_RejectsAsInvalidEscape()
    {
        var decoder = new RecordDecoder(BuiltInSchemas.Checkouts, Records.Options());

        decoder.TryDecode(Records.Json("{\"checkout_id\":\"c\",\"total_amount\":\"19.99\\ud800\"," + Rest + "}")).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidEscape);
    }

    [Fact]
    public void TryDecode_LoneSurrogateInUnknownField_DecodesAndKeepsTheEscapeByteExact()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click_id\":\"c\",\"note\":\"x\\ud800y\",\"deep\":[{\"\\udc00\":\"\\ud800\"}]," + Rest + "}")).ShouldBeTrue();

        decoder.Row.Text("_unknown_fields").ShouldBe("{\"note\":\"x\\ud800y\",\"deep\":[{\"\\udc00\":\"\\ud800\"}]}");
    }

    [Fact]
    public void TryDecode_PairedSurrogateEscapes_DecodeToTheCharacter()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click_id\":\"\\ud83d\\ude00\\udbff\\udfff\"," + Rest + "}")).ShouldBeTrue();

        decoder.Row.Text("click_id").ShouldBe("\U0001F600\U0010FFFF");
    }

    [Fact]
    public void TryDecode_AfterAnInvalidEscape_NextRecordDecodes()
    {
        var decoder = Clicks();
        decoder.TryDecode(Records.Json("{\"click_id\":\"\\ud800\"," + Rest + "}")).ShouldBeFalse();

        decoder.TryDecode(Records.Json(Records.Click(clickId: "next"))).ShouldBeTrue();

        decoder.Row.Text("click_id").ShouldBe("next");
        decoder.Row.RowCount.ShouldBe(1);
    }

    [Theory]
    [InlineData("1e-400")]
    [InlineData("-1e-400")]
    [InlineData("2.4e-324")]
    [InlineData("0.00001e-320")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void TryDecode_DoubleLiteralThatLosesAllSignificance_RejectsAsNumberOutOfRange(string literal)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click().Replace("\"price\":19.5", "\"price\":" + literal, StringComparison.Ordinal))).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.NumberOutOfRange);
        decoder.Reject.Message.ShouldContain("'price'");
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("-0.0", -0.0)]
    [InlineData("0e-400", 0.0)]
    [InlineData("0.000e999", 0.0)]
    [InlineData("4.9e-324", double.Epsilon)]
    [InlineData("0.1", 0.1)]
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    public void TryDecode_DoubleLiteralZeroOrRepresentable_StoresTheNearestDouble(string literal, double expected)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click().Replace("\"price\":19.5", "\"price\":" + literal, StringComparison.Ordinal))).ShouldBeTrue();

        decoder.Row.Value<double>("price").ShouldBe(expected);
        BitConverter.DoubleToInt64Bits(decoder.Row.Value<double>("price")!.Value).ShouldBe(BitConverter.DoubleToInt64Bits(expected));
    }

    [Theory]
    [InlineData("\uFEFF{\"click_id\":\"c\"," + Rest + "}")]
    [InlineData("{\"click_id\":\"c\",\"price\":NaN," + Rest + "}")]
    [InlineData("{\"click_id\":\"c\",\"price\":-Infinity," + Rest + "}")]
    [InlineData("{\"click_id\":\"c\",/* c */" + Rest + "}")]
    [InlineData("{\"click_id\":'c'," + Rest + "}")]
    [InlineData("{\"click_id\":\"a\u0001b\"," + Rest + "}")]
    public void TryDecode_NotInRfc8259_RejectsAsInvalidJson(string json)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(json)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidJson);
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, false)]
    [InlineData(5000, false)]
    public void TryDecode_UnknownFieldNestedDeep_DecodedUpToTheDepthLimitThenInvalidJson(int arrays, bool decoded)
    {
        var decoder = Clicks();
        var nested = new string('[', arrays) + new string(']', arrays);

        decoder.TryDecode(Records.Json("{\"click_id\":\"c\",\"deep\":" + nested + "," + Rest + "}")).ShouldBe(decoded);

        if (!decoded)
        {
            decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidJson);
        }
    }

    [Fact]
    public void TryDecode_ValueMemoryFailsUnexpectedly_SafetyNetRejectsAsInternalErrorWithTypeAndMessage()
    {
        var decoder = Clicks();
        using var memory = new FailingMemory();

        decoder.TryDecode(new RawRecord("clicks", 0, 5, Records.DefaultTimestampMs, null, memory.Memory)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InternalError);
        decoder.Reject.Kind.Name().ShouldBe("internal_error");
        decoder.Reject.Message.ShouldContain("NotSupportedException: the payload's memory is gone");
        decoder.TryDecode(Records.Json(Records.Click())).ShouldBeTrue();
    }

    [Fact]
    public void RejectKindsName_EveryKind_HasADistinctSnakeCaseName()
    {
        var names = Enum.GetValues<RejectKind>().Select(k => k.Name()).ToList();

        names.ShouldBe(RejectKinds.All);
        names.Distinct().Count().ShouldBe(names.Count);
        names.ShouldContain("invalid_escape");
        names.ShouldAllBe(n => n.All(c => c == '_' || char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)));
    }

    /// <summary>Memory whose span cannot be taken when the decoder reads it: an exception no decoder rule expects.</summary>
    private sealed class FailingMemory : MemoryManager<byte>
    {
        private readonly byte[] _bytes = "{}"u8.ToArray();
        private int _spans;

        /// <summary>The first span (taken when the Memory is built) works; later ones fail.</summary>
        public override Span<byte> GetSpan() => _spans++ == 0 ? _bytes : throw new NotSupportedException("the payload's memory is gone");

        public override MemoryHandle Pin(int elementIndex = 0) => throw new NotSupportedException();

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing)
        {
        }
    }
}
