using ClickBatch.Decoding;

namespace ClickBatch.Landing;

/// <summary>One topic of a run, resolved: its schema, partitioning and the two tables it lands in.</summary>
public sealed record TopicSettings(TopicSchema Schema, PartitionMode Partitioning, string TableUri, string RejectsTableUri)
{
    public string Topic => Schema.Topic;
}
