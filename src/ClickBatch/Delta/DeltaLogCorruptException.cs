using ClickBatch.Errors;

namespace ClickBatch.Delta;

/// <summary>The Delta log is unreadable or inconsistent: a gap in versions, a malformed file, a missing checkpoint part.</summary>
public sealed class DeltaLogCorruptException : ClickBatchException
{
    public DeltaLogCorruptException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
