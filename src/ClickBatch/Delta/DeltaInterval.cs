using System.Globalization;
using ClickBatch.Errors;

namespace ClickBatch.Delta;

/// <summary>Parses Delta duration properties such as <c>interval 30 days</c> or <c>interval 1 week</c> (Spark CalendarInterval text).</summary>
public static class DeltaInterval
{
    public static TimeSpan ParseOrDefault(string? text, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        var parts = text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 0 && string.Equals(parts[0], "interval", StringComparison.OrdinalIgnoreCase))
        {
            parts = parts[1..];
        }

        var total = TimeSpan.Zero;
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            total += double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                ? Unit(parts[i + 1], amount, text)
                : throw Invalid(text);
        }

        return parts.Length % 2 == 0 && parts.Length > 0 ? total : throw Invalid(text);
    }

    private static TimeSpan Unit(string unit, double amount, string text) => unit.ToLowerInvariant().TrimEnd('s') switch
    {
        "week" => TimeSpan.FromDays(7 * amount),
        "day" => TimeSpan.FromDays(amount),
        "hour" => TimeSpan.FromHours(amount),
        "minute" => TimeSpan.FromMinutes(amount),
        "second" => TimeSpan.FromSeconds(amount),
        "millisecond" => TimeSpan.FromMilliseconds(amount),
        _ => throw Invalid(text),
    };

    private static ClickBatchException Invalid(string text) => new(
        "Expected a Delta interval such as 'interval 30 days', but the table property holds '" + text + "'. Fix the table property.");
}
