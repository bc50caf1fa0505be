using System.Globalization;
using System.Text;
using System.Text.Json;
using ClickBatch.Generation;

namespace ClickBatch.IntegrationTests.Support;

/// <summary>
/// First-click attribution computed in C#, independently of the dbt SQL (seed 001, objective 2): for each checkout,
/// the earliest click by the same user on the same product with checkout - 60 min &lt;= click &lt;= checkout; ties
/// on time go to the smaller click_id (ordinal); none when there is no such click. Events are deduplicated by id,
/// keeping the first copy in produce order.
/// </summary>
public static class FirstClickAttribution
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(60);

    /// <summary>Checkout id to attributed click id (null for none), for every distinct checkout.</summary>
    public static Dictionary<string, string?> Compute(IEnumerable<AttributionEvent> clicks, IEnumerable<AttributionEvent> checkouts)
    {
        var byUserProduct = Deduplicate(clicks)
            .GroupBy(c => (c.UserId, c.ProductId))
            .ToDictionary(g => g.Key, g => g.OrderBy(c => c.At).ThenBy(c => c.Id, StringComparer.Ordinal).ToList());
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var checkout in Deduplicate(checkouts))
        {
            var candidates = byUserProduct.GetValueOrDefault((checkout.UserId, checkout.ProductId)) ?? [];
            result[checkout.Id] = candidates.FirstOrDefault(c => c.At >= checkout.At - Window && c.At <= checkout.At)?.Id;
        }

        return result;
    }

    /// <summary>Attribution over the valid events a generation plan produced, decoded from their JSON bytes.</summary>
    public static Dictionary<string, string?> Compute(GenerationPlan plan)
    {
        var (clicks, checkouts) = Decode(plan);
        return Compute(clicks, checkouts);
    }

    /// <summary>The valid clicks and checkouts of the plan, in produce order, duplicates kept.</summary>
    public static (List<AttributionEvent> Clicks, List<AttributionEvent> Checkouts) Decode(GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var encoder = RecordEncoder.For(plan);
        var clicks = new List<AttributionEvent>();
        var checkouts = new List<AttributionEvent>();
        foreach (var record in plan.Records.Where(r => r.IsValid))
        {
            var json = Encoding.UTF8.GetString(encoder.Encode(record).Value);
            var isClick = record.Topic == EventTopic.Clicks;
            (isClick ? clicks : checkouts).Add(Parse(json, isClick ? "click_id" : "checkout_id"));
        }

        return (clicks, checkouts);
    }

    private static AttributionEvent Parse(string json, string idField)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var at = DateTimeOffset.ParseExact(root.GetProperty("datetime_occured").GetString()!, "yyyy-MM-dd HH:mm:ss.fff",
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var amount = root.TryGetProperty("total_amount", out var total) ? total.GetDecimal() : 0m;
        var product = root.TryGetProperty("product", out var name) ? name.GetString() : null;
        return new AttributionEvent(root.GetProperty(idField).GetString()!, root.GetProperty("user_id").GetInt64(),
            root.GetProperty("product_id").GetString()!, at, amount, product);
    }

    private static IEnumerable<AttributionEvent> Deduplicate(IEnumerable<AttributionEvent> events)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return events.Where(e => seen.Add(e.Id));
    }
}
