using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClickBatch.Delta.Inspection;

/// <summary>
/// What <c>clickbatch table describe</c> prints. <see cref="Rows"/> is the sum of stats.numRecords minus
/// deletion-vector cardinalities, null when some active file has no numRecords; <see cref="RowsExact"/> (with
/// --exact-rows) uses Parquet footer num_rows for those files instead.
/// </summary>
public sealed record TableDescription
{
    public long Version { get; init; }

    public int MinReaderVersion { get; init; }

    public int MinWriterVersion { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<string>? ReaderFeatures { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public IReadOnlyList<string>? WriterFeatures { get; init; }

    public IReadOnlyList<string> PartitionColumns { get; init; } = [];

    public IReadOnlyList<ColumnDescription> Schema { get; init; } = [];

    public long ActiveFiles { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? Rows { get; init; }

    public long? RowsExact { get; init; }

    public long SizeBytes { get; init; }

    public IReadOnlyDictionary<string, long> Transactions { get; init; } = new Dictionary<string, long>();

    [JsonIgnore]
    public long? CheckpointVersion { get; init; }

    /// <summary>With <c>--check</c>: the data files the store is missing or holds at another size.</summary>
    public DataFileCheck? Check { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
