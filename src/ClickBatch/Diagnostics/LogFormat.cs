namespace ClickBatch.Diagnostics;

/// <summary>How logs are written to stderr: readable single lines, or JSON lines for CloudWatch and other collectors.</summary>
public enum LogFormat
{
    Text,
    Json,
}
