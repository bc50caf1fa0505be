namespace ClickBatch.Landing;

/// <summary>Counts of one Kafka partition in a run: records read, and what became of them.</summary>
internal sealed class PartitionTally
{
    public long Records { get; set; }

    public long Rows { get; set; }

    public long Rejects { get; set; }

    /// <summary>Records whose table already held them (rerun after a crash between a chunk's two commits).</summary>
    public long AlreadyLanded { get; set; }

    public void AddTo(PartitionTally total)
    {
        total.Records += Records;
        total.Rows += Rows;
        total.Rejects += Rejects;
        total.AlreadyLanded += AlreadyLanded;
    }
}
