namespace ClickBatch.Jobs.Backfill;

/// <summary>What a backfill does with an active file of the table, judged from its Kafka offsets tag.</summary>
public enum FileVerdict
{
    /// <summary>The file holds no offset of the range.</summary>
    Keep,

    /// <summary>Every offset the file holds is inside the range: removed whole.</summary>
    Remove,

    /// <summary>The file holds offsets inside and outside the range, or has no tag: rewritten without the range's rows.</summary>
    Rewrite,
}
