using System.Text.Json;
using System.Text.Unicode;

namespace ClickBatch.Tests.Support;

/// <summary>
/// Classifies a generated record from its bytes alone, with the seed system's schema written out here (not taken
/// from the generator), so tests check the generator's output rather than its own bookkeeping.
/// Returns "valid" or one of the bad-record kind names.
/// </summary>
public static class RecordClassifier
{
    public const string Valid = "valid";

    public static readonly string[] ClickFields =
        ["click_id", "user_id", "product_id", "product", "price", "url", "user_agent", "ip_address", "datetime_occured"];

    public static readonly string[] CheckoutFields =
    [
        "checkout_id", "user_id", "product_id", "payment_method", "total_amount", "shipping_address", "billing_address",
        "user_agent", "ip_address", "datetime_occured",
    ];

    public static string Classify(CapturedRecord record, string clicksTopic = "clicks")
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Value is null)
        {
            return "tombstone";
        }

        if (record.Value.Length == 0)
        {
            return "empty-payload";
        }

        if (!Utf8.IsValid(record.Value))
        {
            return "non-utf8-bytes";
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(record.Value);
        }
        catch (JsonException)
        {
            return "truncated-json";
        }

        using (document)
        {
            return ClassifyObject(document.RootElement, record.Topic == clicksTopic);
        }
    }

    private static string ClassifyObject(JsonElement root, bool isClick)
    {
        var fields = isClick ? ClickFields : CheckoutFields;
        string[] required = [fields[0], "user_id", "product_id", "datetime_occured"];
        foreach (var name in required)
        {
            if (!root.TryGetProperty(name, out var value))
            {
                return "missing-required-field";
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                return "null-required-field";
            }
        }

        if (!HasExpectedTypes(root, isClick))
        {
            return "wrong-types";
        }

        return root.EnumerateObject().Any(p => !fields.Contains(p.Name)) ? "unknown-extra-fields" : Valid;
    }

    private static bool HasExpectedTypes(JsonElement root, bool isClick)
    {
        var amount = isClick ? "price" : "total_amount";
        return root.GetProperty("user_id").ValueKind == JsonValueKind.Number
            && root.GetProperty("user_id").TryGetInt32(out _)
            && root.TryGetProperty(amount, out var value) && value.ValueKind == JsonValueKind.Number
            && root.GetProperty("datetime_occured").ValueKind == JsonValueKind.String;
    }
}
