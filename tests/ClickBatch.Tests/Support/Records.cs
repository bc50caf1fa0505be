using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Support;

/// <summary>Builders for raw Kafka records in tests.</summary>
public static class Records
{
    public const long DefaultTimestampMs = 1_704_412_800_000; // 2024-01-05T00:00:00Z

    public static RawRecord Json(string json, int partition = 0, long offset = 0, long timestampMs = DefaultTimestampMs, string? key = "key-1") =>
        Bytes(Encoding.UTF8.GetBytes(json), partition, offset, timestampMs, key is null ? null : Encoding.UTF8.GetBytes(key));

    public static RawRecord Bytes(byte[]? value, int partition = 0, long offset = 0, long timestampMs = DefaultTimestampMs, byte[]? key = null) =>
        RawRecord.FromArrays("clicks", partition, offset, timestampMs, key, value);

    public static string Click(
        string clickId = "c-1", int userId = 42, string productId = "p-9", string product = "Lamp", double price = 19.5,
        string occurred = "2024-01-05 10:11:12.345") =>
        $$"""{"click_id":"{{clickId}}","user_id":{{userId}},"product_id":"{{productId}}","product":"{{product}}","price":{{price.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"url":"https://shop.example/p/9","user_agent":"Mozilla/5.0","ip_address":"10.0.0.1","datetime_occured":"{{occurred}}"}""";

    public static DecoderOptions Options(PartitionMode partitioning = PartitionMode.EventDate) =>
        new("run-1", new DateTimeOffset(2024, 1, 6, 3, 0, 0, TimeSpan.Zero), partitioning);
}
