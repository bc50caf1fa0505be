namespace ClickBatch.Configuration;

/// <summary>
/// Everything a job is configured with, as bound from the config file, then <c>CLICKBATCH_</c> environment
/// variables, then command-line flags (later sources win). Validated once by <see cref="OptionsValidator"/>.
/// </summary>
public sealed class ClickBatchOptions
{
    /// <summary>
    /// Stable id of this job. Part of every Delta <c>txn</c> appId (<c>&lt;JobId&gt;/&lt;topic&gt;/&lt;partition&gt;</c>)
    /// and the default consumer group. Changing it makes the job start over. Default <c>clickbatch</c>.
    /// </summary>
    public string JobId { get; set; } = "clickbatch";

    /// <summary>Lake root: a local folder, <c>file://</c> URI or <c>s3://bucket/prefix</c>. Required.</summary>
    public string? Lake { get; set; }

    /// <summary>Kafka connection and client settings.</summary>
    public KafkaOptions Kafka { get; set; } = new();

    /// <summary>Topics to land. Empty means the built-in <c>clicks</c> and <c>checkouts</c>.</summary>
    public List<TopicOptions> Topics { get; set; } = [];

    /// <summary>Where committed tables are registered (AWS Glue Data Catalog for Redshift Spectrum).</summary>
    public CatalogOptions Catalog { get; set; } = new();

    /// <summary>How a run reads, batches and writes.</summary>
    public RunOptions Run { get; set; } = new();
}
