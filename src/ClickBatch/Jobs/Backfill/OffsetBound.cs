using System.Globalization;
using System.Text.RegularExpressions;

namespace ClickBatch.Jobs.Backfill;

/// <summary>
/// A <c>--from</c> or <c>--to</c> of a backfill: a Kafka offset, or an ISO-8601 timestamp with a UTC offset or Z that
/// is resolved per partition to the first offset whose record timestamp is at or after it (Kafka ListOffsets).
/// </summary>
public sealed partial record OffsetBound(long? Offset, DateTimeOffset? Timestamp)
{
    /// <summary>The bound, or null when the text is neither a non-negative offset nor a timestamp with an offset or Z.</summary>
    public static OffsetBound? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return new OffsetBound(offset, null);
        }

        return IsoTimestamp().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? new OffsetBound(null, at)
            : null;
    }

    public override string ToString() =>
        Offset?.ToString(CultureInfo.InvariantCulture) ?? Timestamp!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTimestamp();
}
