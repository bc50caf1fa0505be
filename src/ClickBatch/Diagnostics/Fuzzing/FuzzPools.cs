using System.Text;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>The hostile pieces mutations insert: escapes, values, property names and raw byte sequences.</summary>
internal static class FuzzPools
{
    /// <summary>Escapes for inside a JSON string: lone and paired surrogates, control characters, invalid escapes.</summary>
    public static readonly byte[][] Escapes = Utf8(
        @"\ud800", @"\udbff", @"\udc00", @"\udfff", @"\uD800", @"\uDc00", @"\ud800\udc00", @"\udbff\udfff", @"\ud83d\ude00",
        @"\ud800\u0041", @"\ud800\ud800", @"\udc00\ud800", @"\ud800\n", @"\ud800x", @"\ud800\", @"\u0000", @"\u001f", @"\u007f",
        @"\u00e9", @"\uffff", @"\ufeff", @"\u2028", @"\""", @"\\", @"\/", @"\b", @"\f", @"\n", @"\r", @"\t", @"\u", @"\u12",
        @"\u12g4", @"\x41", @"\U0041", @"\", @"\'", @"\0", "\u00e9", "\U0001F600");

    /// <summary>Whole JSON values (and some non-JSON ones) for a property: number, string, timestamp and type extremes.</summary>
    public static readonly byte[][] Values = Utf8(
        "0", "-0", "-0.0", "0e0", "0.0e-400", "1e-400", "-1e-400", "1e-320", "4.9e-324", "2.5e-324", "2.4e-324", "1e-324",
        "1e400", "-1e400", "1.7976931348623157e308", "1.7976931348623159e308", "1.7976931348623158e308", "2147483647",
        "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "1.0", "1e0", "1E+2", "1e-2", "01", "+1", ".5", "5.", "1.e3", "-", "--1", "0x10", "NaN",
        "Infinity", "-Infinity", "nan", "inf", "99999999.99", "-99999999.99", "100000000", "0.001", "19.990", "1.999e1", "1e8",
        "1e-10000", "1e99999999999", "0e99999999999", "-1e-99999999999", "123456789012345678901234567890", "0.0000000000000000001",
        "999999999999.999999", "0.9999", "0.99995", "\"\"", "\"x\"", "\"19.99\"", "\"1e3\"", "\"-\"", "\"1e99999\"", "\" 1\"",
        "\"NaN\"", "\"\\u0031\\u0039.99\"", "\"\u0661\u0662\"", "\"0001-01-01 00:00:00\"", "\"0001-01-01T00:00:00+01:00\"",
        "\"0001-01-01T00:00:00-18:00\"", "\"9999-12-31 23:59:59.999999\"", "\"9999-12-31T23:59:59.999999-01:00\"",
        "\"9999-12-31T23:59:59+18:00\"", "\"0000-01-01 00:00:00\"", "\"2024-02-29 00:00:00\"", "\"2023-02-29 00:00:00\"",
        "\"2024-01-01T24:00:00\"", "\"2024-01-01 23:59:60\"", "\"2024-01-01T00:00:00.0000001\"", "\"2024-01-01T00:00:00.000000000\"",
        "\"2024-01-01T00:00:00.1234567890\"", "\"2024-01-01T00:00:00.\"", "\"2024-01-01T00:00:00+18:01\"", "\"2024-01-01T00:00:00+99\"",
        "\"2024-01-01T00:00:00+1800\"", "\"2024-01-01T00:00:00Z\"", "\"2024-01-01T00:00:00zz\"", "\"2024-01-01T00:00:00+05:60\"",
        "\"2024-01-01\"", "\"2024-1-1 0:0:0\"", "\"\\u0032024-01-01 00:00:00\"", "\"2024-01-01\\u002000:00:00\"",
        "\"2024-01-01 00:00:00\\ud800\"", "\"\\ud800024-01-01 00:00:00\"", "\"-001-01-01 00:00:00\"", "\"2024-01-01 00:00:00 \"",
        "\"2024-01-01 00:00:00.0000000000000000000000000000000000000000000000000000000000000000000\"",
        "\"\u0662\u0660\u0662\u0664-01-01 00:00:00\"", "\"2024-02-29\"", "\"9999-12-31\"", "\"0001-01-01\"", "\"0000-00-00\"",
        "\"2024-13-01\"", "null", "true", "false", "tru", "nul", "[]", "{}", "[1,\"a\",{\"b\":null}]",
        "{\"a\":{\"b\":[1,2,{\"c\":\"\\ud800\"}]}}", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud800\\udc00\"", "\"\\u0000\"", "'x'");

    /// <summary>Property names (with quotes): schema and metadata names, escaped spellings, lone surrogates, look-alikes.</summary>
    public static readonly byte[][] Names = Utf8(
        "\"click_id\"", "\"checkout_id\"", "\"user_id\"", "\"product_id\"", "\"price\"", "\"total_amount\"", "\"datetime_occured\"",
        "\"marketing_consent\"", "\"day\"", "\"amount\"", "\"session_id\"", "\"_kafka_offset\"", "\"_unknown_fields\"", "\"dt\"",
        "\"\"", "\"x\"", "\"click\\u005fid\"", "\"\\u0063lick_id\"", "\"\\u0075ser_id\"", "\"click_id\\ud800\"", "\"\\ud800\"",
        "\"\\udc00user_id\"", "\"\\ud800\\udc00\"", "\"CLICK_ID\"", "\"click_id \"", "\"\u00e9\"", "\"\\u00e9\"", "\"\U0001F600\"",
        "\"\\ud83d\\ude00\"", "\"user_id\\u0000\"", "\"a\\\"b\"", "\"\\\\\"");

    /// <summary>Raw bytes to insert anywhere: BOM, invalid and overlong UTF-8, control characters, JSON punctuation.</summary>
    public static readonly byte[][] Bytes =
    [
        [0xEF, 0xBB, 0xBF], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xC3], [0xE2, 0x82], [0xE2, 0x80, 0xA8], [0xC2, 0xA0], [0x00], [0x01],
        [0x08], [0x1F], [0x7F], [0x09], [0x0A], [0x0D], [0x20], [(byte)'"'], [(byte)'\\'], [(byte)'{'], [(byte)'}'], [(byte)'['],
        [(byte)']'], [(byte)':'], [(byte)','], [(byte)'\''], .. Utf8("NaN", "Infinity", "-Infinity", "/* c */", "// c\n", "\\u"),
    ];

    private static byte[][] Utf8(params string[] texts) => texts.Select(Encoding.UTF8.GetBytes).ToArray();
}
