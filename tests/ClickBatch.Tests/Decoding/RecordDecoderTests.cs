using System.Text;
using ClickBatch.Decoding;
using ClickBatch.Tests.Support;

namespace ClickBatch.Tests.Decoding;

public class RecordDecoderTests
{
    private static readonly long Jan5Micros = new DateTimeOffset(2024, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    private static RecordDecoder Clicks(PartitionMode mode = PartitionMode.EventDate) => new(BuiltInSchemas.Clicks, Records.Options(mode));

    [Fact]
    public void TryDecode_ValidClick_FillsTypedColumnsAndMetadata()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click(), partition: 3, offset: 77, key: "user-42")).ShouldBeTrue();

        var row = decoder.Row;
        row.Text("click_id").ShouldBe("c-1");
        row.Value<int>("user_id").ShouldBe(42);
        row.Value<double>("price").ShouldBe(19.5);
        row.Text("url").ShouldBe("https://shop.example/p/9");
        row.Value<long>("datetime_occured").ShouldBe(Jan5Micros + (((10 * 3600) + (11 * 60) + 12) * 1_000_000L) + 345_000);
        row.Value<int>("_kafka_partition").ShouldBe(3);
        row.Value<long>("_kafka_offset").ShouldBe(77);
        row.Value<long>("_kafka_timestamp").ShouldBe(Records.DefaultTimestampMs * 1000);
        row.Text("_kafka_key").ShouldBe("user-42");
        row.Text("_run_id").ShouldBe("run-1");
        row.Value<long>("_ingested_at").ShouldBe(new DateTimeOffset(2024, 1, 6, 3, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000);
        row.Text("_unknown_fields").ShouldBeNull();
        decoder.PartitionDay.ShouldBe((int)(Jan5Micros / 86_400_000_000L));
    }

    [Theory]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1", RejectKind.InvalidJson)]
    [InlineData("{\"click_id\":\"c\",}", RejectKind.InvalidJson)]
    [InlineData("{\"click_id\":\"c\"} trailing", RejectKind.InvalidJson)]
    [InlineData("   ", RejectKind.InvalidJson)]
    [InlineData("[1,2,3]", RejectKind.NotAnObject)]
    [InlineData("\"just a string\"", RejectKind.NotAnObject)]
    [InlineData("{\"click_id\":5,\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.WrongType)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":\"1\",\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.WrongType)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1.5,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.WrongType)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":{\"a\":1},\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.WrongType)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"price\":\"9.99\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.WrongType)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.MissingRequiredField)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\"}", RejectKind.MissingRequiredField)]
    [InlineData("{\"click_id\":null,\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.NullInRequiredField)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":2147483648,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.NumberOutOfRange)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"price\":1e400,\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.NumberOutOfRange)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-13-05 00:00:00\"}", RejectKind.InvalidTimestamp)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"yesterday\"}", RejectKind.InvalidTimestamp)]
    [InlineData("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00.1234567\"}", RejectKind.InvalidTimestamp)]
    [InlineData("{\"click_id\":\"c\",\"click_id\":\"d\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}", RejectKind.DuplicateField)]
    public void TryDecode_BadPayload_RejectsWithKind(string json, RejectKind expected)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(json)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(expected);
        decoder.Reject.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryDecode_IntoBatchHoldingARow_AppendsOneRowWithItsOwnPartitionDay()
    {
        var decoder = Clicks();
        var batch = new RowBatch(decoder.Layout.Fields);
        decoder.TryDecode(Records.Json(Records.Click(clickId: "c-1", occurred: "2024-01-05 10:00:00"), offset: 1), batch).ShouldBeTrue();

        decoder.TryDecode(Records.Json(Records.Click(clickId: "c-2", occurred: "2024-01-07 10:00:00"), offset: 2), batch).ShouldBeTrue();

        batch.RowCount.ShouldBe(2);
        batch.Texts("click_id").ShouldBe(["c-1", "c-2"]);
        batch.Values<long>("_kafka_offset").ShouldBe([1L, 2L]);
        decoder.PartitionDay.ShouldBe((int)(Jan5Micros / 86_400_000_000L) + 2);
    }

    [Theory]
    [InlineData("{\"click_id\":\"bad\",\"user_id\":7,\"product_id\":\"p\",\"price\":\"9.99\",\"datetime_occured\":\"2024-01-05 00:00:00\"}")]
    [InlineData("{\"click_id\":\"bad\",\"user_id\":7,\"product\":null,\"datetime_occured\":\"2024-01-05 00:00:00\"}")]
    [InlineData("{\"click_id\":\"bad\",\"user_id\":7,\"product_id\":\"p\",\"url\":\"u\",\"datetime_occured\":\"2024-01-05 00:00:00\"} x")]
    [InlineData("{\"click_id\":\"bad\",\"user_id\":7,\"product_id\":\"p\",\"ip_address\":\"1.2.3.4\",\"datetime_occured\":\"2024-01-05 25:00:00\"}")]
    public void TryDecode_IntoBatch_RejectAfterSomeColumnsLeavesTheBatchAsItWas(string json)
    {
        var decoder = Clicks();
        var batch = new RowBatch(decoder.Layout.Fields);
        decoder.TryDecode(Records.Json(Records.Click(clickId: "c-1", product: "Lamp"), offset: 1), batch).ShouldBeTrue();
        var size = batch.ByteSize;

        decoder.TryDecode(Records.Json(json, offset: 2), batch).ShouldBeFalse();

        batch.ByteSize.ShouldBe(size);
        foreach (var column in batch.Columns)
        {
            column.RowCount.ShouldBe(1, column.Field.Name);
        }

        decoder.TryDecode(Records.Json(Records.Click(clickId: "c-3", product: "Mug"), offset: 3), batch).ShouldBeTrue();
        batch.Texts("click_id").ShouldBe(["c-1", "c-3"]);
        batch.Texts("product").ShouldBe(["Lamp", "Mug"]);
        batch.Texts("product_id").ShouldBe(["p-9", "p-9"]);
        batch.Values<int>("user_id").ShouldBe([42, 42]);
        batch.Values<long>("_kafka_offset").ShouldBe([1L, 3L]);
    }

    [Fact]
    public void TryDecode_IntoBatchOfAnotherLayout_Throws()
    {
        var decoder = Clicks();

        Should.Throw<ArgumentException>(() => decoder.TryDecode(Records.Json(Records.Click()), new RowBatch(TableLayout.Rejects.Fields)));
    }

    [Fact]
    public void TryDecode_WrongTypeThenTruncated_ReportsInvalidJson()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click_id\":5,\"user_id\":")).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidJson);
    }

    [Fact]
    public void TryDecode_WrongType_MessageNamesFieldExpectedAndFound()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click_id\":\"c\",\"user_id\":\"x\",\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}"));

        decoder.Reject!.Message.ShouldBe("field 'user_id': expected integer, found a string");
    }

    [Fact]
    public void TryDecode_Tombstone_RejectsAsTombstone()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Bytes(null)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.Tombstone);
    }

    [Fact]
    public void TryDecode_ZeroBytes_RejectsAsEmptyPayload()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Bytes([])).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.EmptyPayload);
    }

    [Fact]
    public void TryDecode_InvalidUtf8InsideString_RejectsAsInvalidUtf8()
    {
        var bytes = Encoding.UTF8.GetBytes(Records.Click(product: "LAMP"));
        var at = Array.IndexOf(bytes, (byte)'L');
        bytes[at] = 0xC3; // a lead byte followed by 'A': not a valid sequence
        var decoder = Clicks();

        decoder.TryDecode(Records.Bytes(bytes)).ShouldBeFalse();

        decoder.Reject!.Kind.ShouldBe(RejectKind.InvalidUtf8);
    }

    [Fact]
    public void TryDecode_OptionalFieldsAbsentOrNull_StoresNulls()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"price\":null,\"datetime_occured\":\"2024-01-05 00:00:00\"}")).ShouldBeTrue();

        decoder.Row.Value<double>("price").ShouldBeNull();
        decoder.Row.Text("product").ShouldBeNull();
        decoder.Row.Text("click_id").ShouldBe("c");
    }

    [Fact]
    public void TryDecode_EscapedStrings_StoresUnescapedUtf8()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click(product: "Caf\\u00e9 \\\"Noir\\\" \\ud83d\\ude00"))).ShouldBeTrue();

        decoder.Row.Text("product").ShouldBe("Café \"Noir\" 😀");
    }

    [Fact]
    public void TryDecode_EscapedPropertyName_MatchesSchemaField()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json("{\"click\\u005fid\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"}")).ShouldBeTrue();

        decoder.Row.Text("click_id").ShouldBe("c");
    }

    [Fact]
    public void TryDecode_UnknownFields_KeptByteExactInPayloadOrder()
    {
        var unknown = new (string Name, string Raw)[]
        {
            ("campaign", "\"spring\\u0020sale\""),
            ("nested", "{ \"a\" : [1, 2.50, -3e+2],\n  \"b\": {\"c\": null} }"),
            ("score", "1.50E+3"),
            ("na\\u006de", "true"),
            ("list", "[ ]"),
        };
        var known = "\"click_id\":\"c\",\"user_id\":1,\"product_id\":\"p\",\"datetime_occured\":\"2024-01-05 00:00:00\"";
        var json = "{" + unknown[0].Name.Quote() + ":" + unknown[0].Raw + "," + known + ","
            + string.Join(" , ", unknown.Skip(1).Select(u => u.Name.Quote() + " :  " + u.Raw)) + "}";
        var expected = "{" + string.Join(",", unknown.Select(u => u.Name.Quote() + ":" + u.Raw)) + "}";
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(json)).ShouldBeTrue();

        decoder.Row.Text("_unknown_fields").ShouldBe(expected);
    }

    [Fact]
    public void TryDecode_EventTimeMissingAndOptional_GoesToNullPartition()
    {
        var schema = new TopicSchema("events", [new FieldSpec("id", FieldKind.String, true), new FieldSpec("at", FieldKind.Timestamp, false)], "at");
        var decoder = new RecordDecoder(schema, Records.Options());

        decoder.TryDecode(Records.Json("{\"id\":\"x\"}")).ShouldBeTrue();

        decoder.PartitionDay.ShouldBeNull();
    }

    [Fact]
    public void TryDecode_PartitionByKafkaDate_UsesRecordTimestampDay()
    {
        var decoder = Clicks(PartitionMode.KafkaDate);
        var kafkaTime = new DateTimeOffset(2023, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds();

        decoder.TryDecode(Records.Json(Records.Click(occurred: "2024-01-05 10:00:00"), timestampMs: kafkaTime)).ShouldBeTrue();

        decoder.PartitionDay.ShouldBe(DateOnly.FromDateTime(new DateTime(2023, 12, 31)).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
    }

    [Fact]
    public void TryDecode_NoKafkaTimestamp_StoresNullTimestamp()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click(), timestampMs: -1)).ShouldBeTrue();

        decoder.Row.Value<long>("_kafka_timestamp").ShouldBeNull();
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x00, 0x41 })]
    [InlineData(new byte[] { (byte)'b', (byte)'a', (byte)'s', (byte)'e', (byte)'6', (byte)'4', (byte)':', (byte)'x' })]
    public void TryDecode_KeyNotPlainUtf8OrMarkerPrefixed_StoresBase64Losslessly(byte[] key)
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Bytes(Encoding.UTF8.GetBytes(Records.Click()), key: key)).ShouldBeTrue();

        var stored = decoder.Row.Text("_kafka_key")!;
        stored.ShouldStartWith("base64:");
        Convert.FromBase64String(stored["base64:".Length..]).ShouldBe(key);
    }

    [Fact]
    public void TryDecode_NullKey_StoresNull()
    {
        var decoder = Clicks();

        decoder.TryDecode(Records.Json(Records.Click(), key: null)).ShouldBeTrue();

        decoder.Row.Text("_kafka_key").ShouldBeNull();
    }

    [Fact]
    public void TryDecode_RejectThenValid_RowHoldsOnlyTheValidRecord()
    {
        var decoder = Clicks();
        decoder.TryDecode(Records.Json("{\"click_id\":\"bad\",\"user_id\":\"x\"}")).ShouldBeFalse();

        decoder.TryDecode(Records.Json(Records.Click(clickId: "good"))).ShouldBeTrue();

        decoder.Row.RowCount.ShouldBe(1);
        decoder.Row.Text("click_id").ShouldBe("good");
    }

    [Fact]
    public void Constructor_EventDatePartitioningWithoutEventTime_ThrowsConfiguration()
    {
        var schema = new TopicSchema("events", [new FieldSpec("id", FieldKind.String, true)], null);

        Should.Throw<ClickBatch.Errors.ConfigurationException>(() => new RecordDecoder(schema, Records.Options()));
    }
}

internal static class StringQuoting
{
    public static string Quote(this string name) => "\"" + name + "\"";
}
