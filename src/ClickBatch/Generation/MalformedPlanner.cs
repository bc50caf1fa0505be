namespace ClickBatch.Generation;

/// <summary>
/// Adds bad records on top of the events: kinds dealt out in turn (so their counts differ by at most one),
/// topics in proportion to the events, times anywhere in the range, users and products from the run's pools.
/// </summary>
internal static class MalformedPlanner
{
    public static void Add(List<PlannedRecord> records, DeterministicRandom random, ProductCatalog catalog, GeneratorOptions options, int count)
    {
        var clickShare = ClickShare(records);
        var users = Math.Max(20, options.Clicks / 10);
        var span = options.EndUnixMs - options.StartUnixMs;
        for (var i = 0; i < count; i++)
        {
            var kind = MalformedKinds.All[i % MalformedKinds.All.Count];
            var topic = random.NextDouble() < clickShare ? EventTopic.Clicks : EventTopic.Checkouts;
            records.Add(new PlannedRecord(
                records.Count, topic, RecordRole.Malformed, kind, CheckoutScenario.None, -1,
                random.Next(1, users + 1), catalog.PickIndex(random), options.StartUnixMs + random.NextInt64(span),
                random.NextGuid(), random.NextUInt64()));
        }
    }

    private static double ClickShare(List<PlannedRecord> records)
    {
        var clicks = 0;
        foreach (var record in records)
        {
            clicks += record.Topic == EventTopic.Clicks ? 1 : 0;
        }

        return records.Count == 0 ? 1 : (double)clicks / records.Count;
    }
}
