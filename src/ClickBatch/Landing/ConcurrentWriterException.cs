using ClickBatch.Errors;

namespace ClickBatch.Landing;

/// <summary>
/// Another run of the same job committed offsets of this run's Kafka partitions to the same table. The commit that
/// revealed it passed the conflict check (its own partitions were untouched), so everything committed so far is
/// exactly once; the run stops before it lands the other writer's partitions a second time.
/// </summary>
public sealed class ConcurrentWriterException : ClickBatchException
{
    public ConcurrentWriterException(Uri table, long version, string appId, long? stored, long? ours)
        : base($"Expected this run to be the only writer of txn '{appId}' in {table}, but version {version} holds it at "
            + $"{Show(stored)} while this run's commits hold {Show(ours)}: another run of the same job is landing the same "
            + "Kafka partitions. This run stopped before landing them twice; what it committed is complete. "
            + "Run one instance of a job at a time, then rerun.")
    {
        With("Table", table.ToString()).With("DeltaVersion", version).With("AppId", appId);
    }

    public override int ExitCode => ExitCodes.Conflict;

    private static string Show(long? offset) => offset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing";
}
