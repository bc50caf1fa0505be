namespace ClickBatch.Errors;

/// <summary>
/// Root of every failure ClickBatch reports on purpose. Carries structured facts (topic, partition, offset,
/// object key, table, Delta version) for logs and run reports, the exit code it maps to, and whether a retry
/// may help (Polly pipelines key on <see cref="IsTransient"/>).
/// </summary>
public class ClickBatchException : Exception
{
    public ClickBatchException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>True when the same call may succeed if retried (throttling, 5xx, a broker moving).</summary>
    public virtual bool IsTransient => false;

    /// <summary>The process exit code this failure ends a command with.</summary>
    public virtual int ExitCode => ExitCodes.Failure;

    /// <summary>Structured facts naming what failed, e.g. Topic, Partition, Offset, Key, Table, DeltaVersion.</summary>
    public IDictionary<string, object?> Facts { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Adds a fact and returns this exception, for fluent construction at the throw site.</summary>
    public ClickBatchException With(string name, object? value)
    {
        Facts[name] = value;
        return this;
    }
}
