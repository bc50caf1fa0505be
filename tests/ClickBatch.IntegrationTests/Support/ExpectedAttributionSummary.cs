using System.Globalization;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// The lines the attribution summary (demo, AttributionReport) should print, computed in C# from the events and
/// <see cref="FirstClickAttribution"/>'s answer: checkouts, attributed share and revenue, the top 5 products.
/// </summary>
public static class ExpectedAttributionSummary
{
    public static List<string> Lines(IReadOnlyList<AttributionEvent> clicks, IReadOnlyList<AttributionEvent> checkouts, Dictionary<string, string?> attribution)
    {
        var attributedCount = attribution.Values.Count(v => v is not null);
        var share = attribution.Count == 0 ? 0 : 100.0 * attributedCount / attribution.Count;
        var names = clicks.GroupBy(c => c.ProductId).ToDictionary(g => g.Key, g => g.Select(c => c.Product!).Order(StringComparer.Ordinal).First());
        var attributed = checkouts.DistinctBy(c => c.Id).Where(c => attribution[c.Id] is not null).ToList();
        var top = attributed.GroupBy(c => names[c.ProductId])
            .Select(g => (Name: g.Key, Revenue: g.Sum(c => c.Amount), Count: g.Count()))
            .OrderByDescending(p => p.Revenue).ThenBy(p => p.Name, StringComparer.Ordinal).Take(5)
            .Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"    {i + 1}. {p.Name,-40} {p.Revenue,12:N2}  ({p.Count} checkouts)"));
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"  checkouts           {attribution.Count}\n"),
            string.Create(CultureInfo.InvariantCulture, $"  attributed          {attributedCount} ({share:0.0}%), revenue {attributed.Sum(c => c.Amount):N2}\n"),
            .. top,
        ];
    }
}
