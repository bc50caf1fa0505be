using System.Globalization;
using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Decoding;

public class TimestampParserTests
{
    [Theory]
    [InlineData("2024-01-05 10:11:12", "2024-01-05T10:11:12+00:00")]
    [InlineData("2024-01-05 10:11:12.5", "2024-01-05T10:11:12.5+00:00")]
    [InlineData("2024-01-05 10:11:12.123456", "2024-01-05T10:11:12.123456+00:00")]
    [InlineData("2024-01-05T10:11:12Z", "2024-01-05T10:11:12+00:00")]
    [InlineData("2024-01-05T10:11:12.345z", "2024-01-05T10:11:12.345+00:00")]
    [InlineData("2024-01-05T10:11:12", "2024-01-05T10:11:12+00:00")]
    [InlineData("2024-01-05T10:11:12+02:00", "2024-01-05T10:11:12+02:00")]
    [InlineData("2024-01-05T01:11:12.000001-05:30", "2024-01-05T01:11:12.000001-05:30")]
    [InlineData("2024-01-05T01:11:12+0130", "2024-01-05T01:11:12+01:30")]
    [InlineData("2024-01-05T01:11:12-03", "2024-01-05T01:11:12-03:00")]
    [InlineData("2024-02-29 23:59:59.999999", "2024-02-29T23:59:59.999999+00:00")]
    [InlineData("1969-12-31 23:59:59.5", "1969-12-31T23:59:59.5+00:00")]
    [InlineData("2024-01-05 10:11:12.123456000", "2024-01-05T10:11:12.123456+00:00")]
    public void TryParse_AcceptedFormats_ReturnsUtcMicros(string text, string equivalentIso)
    {
        var expected = DateTimeOffset.Parse(equivalentIso, CultureInfo.InvariantCulture);
        var expectedMicros = (expected.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

        TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out var micros).ShouldBeTrue();

        micros.ShouldBe(expectedMicros);
    }

    [Theory]
    [InlineData("2024-01-05")]
    [InlineData("2024-01-05 10:11")]
    [InlineData("2023-02-29 00:00:00")]
    [InlineData("2024-01-05 24:00:00")]
    [InlineData("2024-01-05 10:60:00")]
    [InlineData("2024-01-05 10:11:12.")]
    [InlineData("2024-01-05 10:11:12.1234567")]
    [InlineData("2024-01-05 10:11:12.1234567891")]
    [InlineData("2024-01-05 10:11:12+25:00")]
    [InlineData("2024-01-05 10:11:12 UTC")]
    [InlineData("2024/01/05 10:11:12")]
    [InlineData("1704448272")]
    [InlineData("0001-01-01T00:00:00+05:00")]
    [InlineData("9999-12-31T23:00:00-05:00")]
    public void TryParse_RejectedFormats_ReturnsFalse(string text)
    {
        TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("2024-01-05", true)]
    [InlineData("2024-02-30", false)]
    [InlineData("2024-1-05", false)]
    public void TryParseDate_Text_AcceptsOnlyCalendarDates(string text, bool ok)
    {
        TimestampParser.TryParseDate(Encoding.UTF8.GetBytes(text), out _).ShouldBe(ok);
    }
}
