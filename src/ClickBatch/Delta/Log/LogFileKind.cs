namespace ClickBatch.Delta.Log;

/// <summary>The kinds of files in <c>_delta_log/</c> a snapshot is built from (PROTOCOL.md "File Types").</summary>
public enum LogFileKind
{
    Commit,
    ClassicCheckpoint,
    MultiPartCheckpoint,
    UuidCheckpoint,
}
