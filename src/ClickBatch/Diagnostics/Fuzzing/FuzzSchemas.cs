using ClickBatch.Decoding;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// The schemas the fuzzer decodes with: the two built-in ones, and per topic a variant that reads the same
/// payloads with the other field kinds (long, boolean, date, other decimal scales, optional event time) and
/// another partitioning, so that every value reader meets the mutations.
/// </summary>
public static class FuzzSchemas
{
    private const string ClicksVariant = "click_id:string!,user_id:long!,product_id:string,product:string,price:decimal(18,6),"
        + "url:string,user_agent:string,ip_address:string,datetime_occured:timestamp,marketing_consent:boolean,day:date";

    private const string CheckoutsVariant = "checkout_id:string!,user_id:long,product_id:string!,payment_method:string,"
        + "total_amount:double,shipping_address:string,billing_address:string,user_agent:string,ip_address:string,"
        + "datetime_occured:date!,session_id:string,amount:decimal(4,4)";

    public static IReadOnlyList<(TopicSchema Schema, PartitionMode Partitioning)> All { get; } =
    [
        (BuiltInSchemas.Clicks, PartitionMode.EventDate),
        (BuiltInSchemas.Checkouts, PartitionMode.EventDate),
        (SchemaParser.Parse("clicks", ClicksVariant, "datetime_occured"), PartitionMode.KafkaDate),
        (SchemaParser.Parse("checkouts", CheckoutsVariant, "datetime_occured"), PartitionMode.EventDate),
    ];

    /// <summary>Indexes into <see cref="All"/> of the schemas for a topic.</summary>
    public static IEnumerable<int> ForTopic(string topic) =>
        Enumerable.Range(0, All.Count).Where(i => string.Equals(All[i].Schema.Topic, topic, StringComparison.Ordinal));
}
