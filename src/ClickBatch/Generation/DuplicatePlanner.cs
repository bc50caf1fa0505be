namespace ClickBatch.Generation;

/// <summary>
/// Adds exact re-sends of events (same id, same time, same bytes), as an idempotence-less producer retrying
/// after a timeout does. Only events of ordinary stories are re-sent, so the attribution edge cases stay crisp.
/// </summary>
internal static class DuplicatePlanner
{
    public static void Add(List<PlannedRecord> records, DeterministicRandom random, int count)
    {
        var events = records.Count;
        var chosen = new HashSet<int>();
        var attemptsLeft = (20L * count) + 100;
        while (chosen.Count < count && attemptsLeft-- > 0 && events > 0)
        {
            var index = random.Next(events);
            if (IsOrdinary(records[index].Scenario) && chosen.Add(index))
            {
                records.Add(records[index] with { Sequence = records.Count, Role = RecordRole.Duplicate });
            }
        }
    }

    private static bool IsOrdinary(CheckoutScenario scenario) => scenario is CheckoutScenario.None
        or CheckoutScenario.ClickWithinHour or CheckoutScenario.SeveralClicksWithinHour or CheckoutScenario.NoClick;
}
