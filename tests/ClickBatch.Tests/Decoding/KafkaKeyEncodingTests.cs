using System.Text;
using ClickBatch.Decoding;

namespace ClickBatch.Tests.Decoding;

public class KafkaKeyEncodingTests
{
    public static TheoryData<byte[]> Keys() =>
    [
        Encoding.UTF8.GetBytes("user-42"),
        Encoding.UTF8.GetBytes("Ünïcødé 😀"),
        [],
        [0xFF, 0xFE, 0x00],
        Encoding.UTF8.GetBytes("base64:AAAA"),
        [0xC3],
    ];

    [Theory]
    [MemberData(nameof(Keys))]
    public void AppendThenDecode_AnyKey_RoundTripsBytes(byte[] key)
    {
        var column = new BytesColumn(new FieldSpec("_kafka_key", FieldKind.String, false));

        KafkaKeyEncoding.Append(column, key);

        KafkaKeyEncoding.Decode(Encoding.UTF8.GetString(column.Value(0))).ShouldBe(key);
    }

    [Fact]
    public void Append_ValidUtf8Key_StoredVerbatim()
    {
        var column = new BytesColumn(new FieldSpec("_kafka_key", FieldKind.String, false));

        KafkaKeyEncoding.Append(column, Encoding.UTF8.GetBytes("user-42"));

        Encoding.UTF8.GetString(column.Value(0)).ShouldBe("user-42");
    }
}
