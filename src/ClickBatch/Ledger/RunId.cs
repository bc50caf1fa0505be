using System.Globalization;

namespace ClickBatch.Ledger;

/// <summary>
/// Run ids sort by start time (<c>20261123T020000Z-1a2b3c4d</c>), so the newest ledger entry is the last one listed.
/// </summary>
public static class RunId
{
    public static string New(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
    }
}
