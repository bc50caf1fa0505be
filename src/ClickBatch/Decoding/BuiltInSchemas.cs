namespace ClickBatch.Decoding;

/// <summary>
/// The default schemas for the two product topics (issue 4 "Configuration"). Required by default: the record's
/// id, user_id, product_id and datetime_occured (the event time that decides the partition); everything else is
/// optional so a producer adding or dropping a descriptive field never turns good events into rejects.
/// </summary>
public static class BuiltInSchemas
{
    public const string EventTimeField = "datetime_occured";

    public static TopicSchema Clicks { get; } = new("clicks",
    [
        new FieldSpec("click_id", FieldKind.String, Required: true),
        new FieldSpec("user_id", FieldKind.Int, Required: true),
        new FieldSpec("product_id", FieldKind.String, Required: true),
        new FieldSpec("product", FieldKind.String, Required: false),
        new FieldSpec("price", FieldKind.Double, Required: false),
        new FieldSpec("url", FieldKind.String, Required: false),
        new FieldSpec("user_agent", FieldKind.String, Required: false),
        new FieldSpec("ip_address", FieldKind.String, Required: false),
        new FieldSpec(EventTimeField, FieldKind.Timestamp, Required: true),
    ], EventTimeField);

    public static TopicSchema Checkouts { get; } = new("checkouts",
    [
        new FieldSpec("checkout_id", FieldKind.String, Required: true),
        new FieldSpec("user_id", FieldKind.Int, Required: true),
        new FieldSpec("product_id", FieldKind.String, Required: true),
        new FieldSpec("payment_method", FieldKind.String, Required: false),
        FieldSpec.Decimal("total_amount", 10, 2),
        new FieldSpec("shipping_address", FieldKind.String, Required: false),
        new FieldSpec("billing_address", FieldKind.String, Required: false),
        new FieldSpec("user_agent", FieldKind.String, Required: false),
        new FieldSpec("ip_address", FieldKind.String, Required: false),
        new FieldSpec(EventTimeField, FieldKind.Timestamp, Required: true),
    ], EventTimeField);

    /// <summary>The built-in schema for a topic name, or null when there is none.</summary>
    public static TopicSchema? Find(string topic) => topic switch
    {
        "clicks" => Clicks,
        "checkouts" => Checkouts,
        _ => null,
    };
}
