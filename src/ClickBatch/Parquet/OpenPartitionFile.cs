using ClickBatch.Decoding;

namespace ClickBatch.Parquet;

/// <summary>The open data file of one partition value in a <see cref="PartitionedFileWriter"/>, with its row buffer.</summary>
internal sealed class OpenPartitionFile(long key, string? partitionValue, string relativePath, DataFileWriter writer, RowBatch buffer)
{
    public long Key { get; } = key;

    public string? PartitionValue { get; } = partitionValue;

    public string RelativePath { get; } = relativePath;

    public DataFileWriter Writer { get; } = writer;

    public RowBatch Buffer { get; } = buffer;

    public KafkaOffsetTracker Offsets { get; } = new();

    public long BufferedBytes { get; set; }

    public long LastWrite { get; set; }
}
