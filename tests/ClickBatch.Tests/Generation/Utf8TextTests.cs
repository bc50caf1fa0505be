using System.Globalization;
using System.Text;
using ClickBatch.Generation;

namespace ClickBatch.Tests.Generation;

public class Utf8TextTests
{
    [Theory]
    [InlineData("2026-11-01T00:00:00.000Z")]
    [InlineData("2026-11-01T23:59:59.999Z")]
    [InlineData("2024-02-29T12:34:56.007Z")]
    [InlineData("1999-12-31T09:08:07.060Z")]
    public void WriteTimestamp_UnixMilliseconds_WritesSeedSystemFormatInUtc(string instant)
    {
        var time = DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
        var buffer = new byte[Utf8Text.TimestampLength];

        Utf8Text.WriteTimestamp(time.ToUnixTimeMilliseconds(), buffer);

        Encoding.ASCII.GetString(buffer).ShouldBe(time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Money_Cents_KeepsTwoDecimalsWhenWritten()
    {
        Utf8Text.Money(1250).ToString(CultureInfo.InvariantCulture).ShouldBe("12.50");
        Utf8Text.Money(7).ToString(CultureInfo.InvariantCulture).ShouldBe("0.07");
    }
}
