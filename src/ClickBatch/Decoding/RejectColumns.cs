namespace ClickBatch.Decoding;

/// <summary>Names of the rejects table's own columns (besides the shared metadata columns).</summary>
public static class RejectColumns
{
    public const string RawValue = "raw_value";
    public const string ErrorKind = "error_kind";
    public const string ErrorMessage = "error_message";
}
