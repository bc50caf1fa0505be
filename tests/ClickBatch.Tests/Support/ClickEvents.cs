using System.Globalization;
using System.Text;
using System.Text.Json;
using ClickBatch.Decoding;
using ClickBatch.Parquet;

namespace ClickBatch.Tests.Support;

/// <summary>One generated click and the values a reader must find for it, computed here and not by the decoder.</summary>
public sealed record ExpectedClick(
    long Offset, int Partition, string ClickId, int UserId, string ProductId, string? Product, double? Price,
    DateTimeOffset Occurred, string? Key, string Json);

/// <summary>Seeded generator of click JSON with nulls, absent fields, Unicode, escapes and several days.</summary>
public static class ClickEvents
{
    private static readonly string[] Products = ["Lamp", "Café crème", "Stuhl \"Öko\"", "😀 emoji mug", "tab\tseparated", "A product name that is much longer than thirty-two characters"];

    public static List<ExpectedClick> Generate(int count, int seed = 7, int days = 3)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, count).Select(i =>
        {
            var occurred = start.AddTicks((long)(random.NextDouble() * days * TimeSpan.TicksPerDay) / 10 * 10);
            var product = random.Next(5) == 0 ? null : Products[random.Next(Products.Length)];
            double? price = random.Next(4) == 0 ? null : Math.Round(random.NextDouble() * 1000, 2);
            var key = random.Next(6) == 0 ? null : "user-" + random.Next(100);
            var click = new ExpectedClick(i, i % 3, "click-" + i.ToString("D6", CultureInfo.InvariantCulture),
                random.Next(int.MinValue, int.MaxValue), "p-" + random.Next(50), product, price, occurred, key, "");
            return click with { Json = ToJson(click, random) };
        }).ToList();
    }

    public static RawRecord ToRecord(ExpectedClick click) =>
        RawRecord.FromArrays("clicks", click.Partition, click.Offset, click.Occurred.ToUnixTimeMilliseconds() + 1500,
            click.Key is null ? null : Encoding.UTF8.GetBytes(click.Key), Encoding.UTF8.GetBytes(click.Json));

    /// <summary>Decodes the click (it must decode to a row) and appends the row to <paramref name="writer"/>.</summary>
    public static void AppendTo(PartitionedFileWriter writer, RecordDecoder decoder, ExpectedClick click)
    {
        decoder.TryDecode(ToRecord(click)).ShouldBeTrue();
        writer.Append(decoder.Row, decoder.PartitionDay, "clicks", click.Partition, click.Offset);
    }

    private static string ToJson(ExpectedClick click, Random random)
    {
        var fields = new List<string>
        {
            "\"click_id\":" + JsonSerializer.Serialize(click.ClickId),
            "\"user_id\":" + click.UserId.ToString(CultureInfo.InvariantCulture),
            "\"product_id\":" + JsonSerializer.Serialize(click.ProductId),
            "\"datetime_occured\":\"" + FormatOccurred(click.Occurred, random) + "\"",
        };
        if (click.Product is not null || random.Next(2) == 0)
        {
            fields.Add("\"product\":" + (click.Product is null ? "null" : JsonSerializer.Serialize(click.Product)));
        }

        if (click.Price is { } price)
        {
            fields.Add("\"price\":" + price.ToString("R", CultureInfo.InvariantCulture));
        }

        return "{" + string.Join(",", fields.OrderBy(_ => random.Next())) + "}";
    }

    private static string FormatOccurred(DateTimeOffset occurred, Random random) => random.Next(3) switch
    {
        0 => occurred.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
        1 => occurred.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture),
        _ => occurred.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
    };
}
