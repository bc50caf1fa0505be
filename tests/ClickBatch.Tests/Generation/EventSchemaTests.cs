using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Generation;

public class EventSchemaTests
{
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff";

    [Fact]
    public async Task WriteAsync_ValidClicks_HaveEverySchemaFieldWithItsJsonType()
    {
        var clicks = await ValidEventsAsync("clicks");

        clicks.Count.ShouldBe(4000 + Duplicates(clicks));
        foreach (var click in clicks)
        {
            click.EnumerateObject().Select(p => p.Name).ShouldBe(RecordClassifier.ClickFields);
            Guid.TryParseExact(click.GetProperty("click_id").GetString(), "D", out _).ShouldBeTrue();
            click.GetProperty("user_id").GetInt32().ShouldBePositive();
            Guid.TryParseExact(click.GetProperty("product_id").GetString(), "D", out _).ShouldBeTrue();
            click.GetProperty("product").GetString().ShouldNotBeNullOrWhiteSpace();
            click.GetProperty("price").ValueKind.ShouldBe(JsonValueKind.Number);
            click.GetProperty("price").GetDecimal().ShouldBePositive();
            click.GetProperty("url").GetString().ShouldStartWith("https://");
            click.GetProperty("user_agent").GetString().ShouldStartWith("Mozilla/5.0");
            ShouldBeIPv4(click.GetProperty("ip_address").GetString());
            ShouldBeEventTime(click.GetProperty("datetime_occured").GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_ValidCheckouts_HaveEverySchemaFieldWithItsJsonTypeAndTwoDecimalAmounts()
    {
        var checkouts = await ValidEventsAsync("checkouts");

        checkouts.Count.ShouldBe(1200 + Duplicates(checkouts));
        foreach (var checkout in checkouts)
        {
            checkout.EnumerateObject().Select(p => p.Name).ShouldBe(RecordClassifier.CheckoutFields);
            Guid.TryParseExact(checkout.GetProperty("checkout_id").GetString(), "D", out _).ShouldBeTrue();
            checkout.GetProperty("user_id").GetInt32().ShouldBePositive();
            Guid.TryParseExact(checkout.GetProperty("product_id").GetString(), "D", out _).ShouldBeTrue();
            checkout.GetProperty("payment_method").GetString().ShouldNotBeNullOrWhiteSpace();
            checkout.GetProperty("total_amount").GetRawText().ShouldMatch(@"^[1-9][0-9]*\.[0-9]{2}$");
            checkout.GetProperty("shipping_address").GetString()!.ShouldContain('\n');
            checkout.GetProperty("billing_address").GetString().ShouldNotBeNullOrWhiteSpace();
            checkout.GetProperty("user_agent").GetString().ShouldStartWith("Mozilla/5.0");
            ShouldBeIPv4(checkout.GetProperty("ip_address").GetString());
            ShouldBeEventTime(checkout.GetProperty("datetime_occured").GetString());
        }
    }

    [Fact]
    public async Task WriteAsync_EveryRecord_HasTimestampInRangeAndInProduceOrder()
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create());
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var end = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

        sink.Records.ShouldAllBe(r => r.TimestampUnixMs >= start && r.TimestampUnixMs < end);
        sink.Records.Select(r => r.TimestampUnixMs).ShouldBeInOrder(SortDirection.Ascending);
        var byHour = sink.Records.GroupBy(r => (r.TimestampUnixMs - start) / 3_600_000).ToList();
        byHour.Count.ShouldBe(48, "events spread over both days");
    }

    [Fact]
    public async Task WriteAsync_ValidRecords_KeyIsUserIdAndKafkaTimestampIsEventTime()
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create());

        sink.Records.ShouldAllBe(r => Regex.IsMatch(Encoding.ASCII.GetString(r.Key), "^[1-9][0-9]*$"));
        foreach (var record in sink.Records.Where(r => RecordClassifier.Classify(r) == RecordClassifier.Valid))
        {
            using var json = JsonDocument.Parse(record.Value!);
            Encoding.ASCII.GetString(record.Key).ShouldBe(json.RootElement.GetProperty("user_id").GetInt32().ToString(CultureInfo.InvariantCulture));
            var eventTime = DateTimeOffset.FromUnixTimeMilliseconds(record.TimestampUnixMs).ToString(TimestampFormat, CultureInfo.InvariantCulture);
            json.RootElement.GetProperty("datetime_occured").GetString().ShouldBe(eventTime);
        }
    }

    [Fact]
    public async Task WriteAsync_DuplicateRatio_ResendsExactCopiesOfEvents()
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create(duplicateRatio: 0.01));

        var valid = sink.Records.Where(r => RecordClassifier.Classify(r) == RecordClassifier.Valid).ToList();
        var distinct = valid.Select(r => Convert.ToBase64String(r.Value!)).Distinct().Count();

        (valid.Count - distinct).ShouldBe((int)Math.Round(0.01 * distinct, MidpointRounding.AwayFromZero));
    }

    private static int Duplicates(List<JsonElement> events) =>
        events.Count - events.Select(e => e.GetRawText()).Distinct().Count();

    private static async Task<List<JsonElement>> ValidEventsAsync(string topic)
    {
        var (_, sink) = await MemoryRecordSink.GenerateAsync(GeneratorOptionsBuilder.Create());
        return sink.Records
            .Where(r => r.Topic == topic && RecordClassifier.Classify(r) == RecordClassifier.Valid)
            .Select(r => JsonDocument.Parse(r.Value!).RootElement)
            .ToList();
    }

    private static void ShouldBeIPv4(string? value)
    {
        IPAddress.TryParse(value, out var address).ShouldBeTrue(value);
        address!.AddressFamily.ShouldBe(System.Net.Sockets.AddressFamily.InterNetwork);
    }

    private static void ShouldBeEventTime(string? value) =>
        DateTime.TryParseExact(value, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _).ShouldBeTrue(value);
}
