using System.Globalization;

namespace ClickBatch.Delta.Writing;

/// <summary>
/// PROTOCOL.md "Partition Value Serialization": numbers in invariant culture, booleans as true/false, dates as
/// yyyy-MM-dd, timestamps as ISO 8601 adjusted to UTC with microseconds (the recommended form). Empty means null.
/// </summary>
public static class PartitionValueSerializer
{
    public static string? Serialize(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTime t when t.Kind == DateTimeKind.Utc => t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        DateTime => throw new ArgumentException("DateTime partition values must be UTC (Kind=Utc) or DateTimeOffset.", nameof(value)),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("No Delta partition value form for " + value.GetType().Name + ".", nameof(value)),
    };
}
