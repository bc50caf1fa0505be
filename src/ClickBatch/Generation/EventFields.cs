using System.Text.Json;

namespace ClickBatch.Generation;

/// <summary>
/// Field names of the seed system's two schemas (seed 001), in the order producers write them. Positions are
/// what <see cref="RecordFault"/> refers to; the required fields are the ids, user_id and datetime_occured.
/// </summary>
internal static class EventFields
{
    public static readonly JsonEncodedText ClickId = JsonEncodedText.Encode("click_id");
    public static readonly JsonEncodedText CheckoutId = JsonEncodedText.Encode("checkout_id");
    public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("user_id");
    public static readonly JsonEncodedText ProductId = JsonEncodedText.Encode("product_id");
    public static readonly JsonEncodedText Product = JsonEncodedText.Encode("product");
    public static readonly JsonEncodedText Price = JsonEncodedText.Encode("price");
    public static readonly JsonEncodedText Url = JsonEncodedText.Encode("url");
    public static readonly JsonEncodedText UserAgent = JsonEncodedText.Encode("user_agent");
    public static readonly JsonEncodedText IpAddress = JsonEncodedText.Encode("ip_address");
    public static readonly JsonEncodedText DatetimeOccured = JsonEncodedText.Encode("datetime_occured");
    public static readonly JsonEncodedText PaymentMethod = JsonEncodedText.Encode("payment_method");
    public static readonly JsonEncodedText TotalAmount = JsonEncodedText.Encode("total_amount");
    public static readonly JsonEncodedText ShippingAddress = JsonEncodedText.Encode("shipping_address");
    public static readonly JsonEncodedText BillingAddress = JsonEncodedText.Encode("billing_address");

    /// <summary>Position of the event id (click_id, checkout_id) in both schemas.</summary>
    public const int EventIdField = 0;

    /// <summary>Position of user_id in both schemas.</summary>
    public const int UserIdField = 1;

    /// <summary>Position of product_id in both schemas.</summary>
    public const int ProductIdField = 2;

    /// <summary>Position of the amount (price of a click, total_amount of a checkout) in both schemas.</summary>
    public const int AmountField = 4;

    /// <summary>Position of datetime_occured: the last field.</summary>
    public static int DatetimeField(EventTopic topic) => topic == EventTopic.Clicks ? 8 : 9;
}
