using ClickBatch.Errors;

namespace ClickBatch.Kafka;

/// <summary>
/// Kafka deleted records (retention) before the job read them. Names every affected partition and the missing
/// offsets. A run does not read those partitions (it lands all others, then ends with this) unless
/// <c>--allow-data-loss</c> accepts the gaps.
/// </summary>
public sealed class DataLossException : ClickBatchException
{
    public DataLossException(IReadOnlyList<DataLossGap> gaps)
        : this(gaps, "Nothing more was read from these partitions.")
    {
    }

    private DataLossException(IReadOnlyList<DataLossGap> gaps, string outcome)
        : base(Format(gaps, outcome))
    {
        ArgumentOutOfRangeException.ThrowIfZero(gaps.Count);
        Gaps = gaps;
        With("Topic", gaps[0].Topic).With("Partition", gaps[0].Partition)
            .With("MissingFrom", gaps[0].MissingFrom).With("MissingTo", gaps[0].MissingTo).With("GapCount", gaps.Count);
    }

    public IReadOnlyList<DataLossGap> Gaps { get; }

    public override int ExitCode => ExitCodes.DataLoss;

    /// <summary>The run's end when the planner found gaps: the partitions with a gap were not read, all others were landed.</summary>
    public static DataLossException AfterLandingTheRest(IReadOnlyList<DataLossGap> gaps) => new(gaps,
        "These partitions were not read and their stored offsets did not move; every other partition was read and committed.");

    private static string Format(IReadOnlyList<DataLossGap> gaps, string outcome) =>
        "Data loss: Kafka no longer has records this job had not read yet (retention deleted them): "
        + string.Join("; ", gaps.Select(g => g.ToString()))
        + ". Expected to continue from the offsets stored in the Delta table, found the partition starting later. "
        + outcome + " To accept the loss and continue from the earliest available offset, rerun with "
        + "--allow-data-loss; the gap is then recorded in the run report.";
}
