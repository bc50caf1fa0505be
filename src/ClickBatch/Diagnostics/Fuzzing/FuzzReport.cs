using ClickBatch.Decoding;

namespace ClickBatch.Diagnostics.Fuzzing;

/// <summary>
/// What a fuzz run saw. <see cref="SafetyNetHits"/> counts records that only the decoder's catch-all turned into a
/// reject (<see cref="RejectKind.InternalError"/>): each is a failure, since every hostile input needs explicit code.
/// </summary>
public sealed record FuzzReport(
    long Cases,
    long Decoded,
    IReadOnlyDictionary<RejectKind, long> RejectsByKind,
    long SafetyNetHits,
    IReadOnlyList<FuzzFailure> Failures,
    long FailureCount,
    TimeSpan Elapsed)
{
    public long Rejected => RejectsByKind.Values.Sum();

    public double CasesPerSecond => Cases / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
