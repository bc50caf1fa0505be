namespace ClickBatch.Configuration;

/// <summary>One topic to land and where.</summary>
public sealed class TopicOptions
{
    /// <summary>Kafka topic name. Required.</summary>
    public string? Name { get; set; }

    /// <summary>Table location. Default <c>&lt;lake&gt;/&lt;topic&gt;</c>; a relative value is under the lake.</summary>
    public string? Table { get; set; }

    /// <summary>Rejects table location. Default <c>&lt;lake&gt;/&lt;topic&gt;_rejects</c>.</summary>
    public string? RejectsTable { get; set; }

    /// <summary>
    /// Column schema, e.g. <c>click_id:string!,user_id:int!,price:double</c> (<c>!</c> = required).
    /// Default: the built-in schema for <c>clicks</c> and <c>checkouts</c>; required for any other topic.
    /// </summary>
    public string? Schema { get; set; }

    /// <summary>Field holding the event time. Default <c>datetime_occured</c>.</summary>
    public string EventTimeField { get; set; } = "datetime_occured";

    /// <summary>Partitioning: <c>dt</c> (UTC date of the event time, default), <c>kafka-dt</c> (of the Kafka timestamp) or <c>none</c>.</summary>
    public string Partitioning { get; set; } = "dt";
}
