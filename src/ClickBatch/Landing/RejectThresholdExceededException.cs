using ClickBatch.Errors;

namespace ClickBatch.Landing;

/// <summary>Too many records of a topic could not be decoded; the chunk that crossed the threshold was not committed.</summary>
public sealed class RejectThresholdExceededException : ClickBatchException
{
    public RejectThresholdExceededException(string topic, long rejects, long records, double maxRatio)
        : base(FormattableString.Invariant(
            $"Topic '{topic}': {rejects} of {records} records ({(double)rejects / records:P2}) could not be decoded, above --max-reject-ratio {maxRatio:P2}. ")
            + "The chunk that crossed it was not committed; earlier chunks were. To see why, rerun with "
            + "--max-reject-ratio 1 (every reject lands in " + topic + "_rejects with its error), fix the producer "
            + "or the schema, then rerun with the ratio you accept.")
    {
        With("Topic", topic).With("Rejects", rejects).With("Records", records).With("MaxRejectRatio", maxRatio);
    }

    public override int ExitCode => ExitCodes.RejectThreshold;
}
