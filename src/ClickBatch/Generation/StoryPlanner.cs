namespace ClickBatch.Generation;

/// <summary>
/// Lays out the events of one story at a time: a checkout with the clicks its <see cref="CheckoutScenario"/>
/// asks for, or a browsing session of clicks without a checkout. Stories are placed wholly inside the time range.
/// </summary>
internal sealed class StoryPlanner
{
    private const long Second = 1_000;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    private readonly DeterministicRandom _random;
    private readonly ProductCatalog _catalog;
    private readonly int _users;
    private readonly long _startMs;
    private readonly long _spanMs;
    private readonly List<PlannedRecord> _records;
    private readonly List<(long Offset, bool OtherUser)> _clicks = [];
    private int _storyId;

    public StoryPlanner(DeterministicRandom random, ProductCatalog catalog, GeneratorOptions options, List<PlannedRecord> records)
    {
        _random = random;
        _catalog = catalog;
        _users = Math.Max(20, options.Clicks / 10);
        _startMs = options.StartUnixMs;
        _spanMs = options.EndUnixMs - options.StartUnixMs;
        _records = records;
    }

    /// <summary>A user id in 1..users (about one user per ten clicks).</summary>
    public int NextUserId() => _random.Next(1, _users + 1);

    /// <summary>Adds a checkout and its clicks; returns the number of clicks used (never more than <paramref name="clickBudget"/>).</summary>
    public int AddCheckoutStory(CheckoutScenario scenario, int clickBudget)
    {
        scenario = Fit(scenario, clickBudget);
        LayOutClicks(scenario, clickBudget);
        long earliest = 0, latest = 0;
        foreach (var (offset, _) in _clicks)
        {
            earliest = Math.Min(earliest, offset);
            latest = Math.Max(latest, offset);
        }

        var checkoutTime = PlaceStory(earliest, latest);
        var user = NextUserId();
        var otherUser = user % _users + 1;
        var product = _catalog.PickIndex(_random);
        foreach (var (clickOffset, isOtherUser) in _clicks)
        {
            Add(EventTopic.Clicks, scenario, isOtherUser ? otherUser : user, product, checkoutTime + clickOffset);
        }

        Add(EventTopic.Checkouts, scenario, user, product, checkoutTime);
        _storyId++;
        return _clicks.Count;
    }

    /// <summary>Adds one to five clicks of one user on random products, seconds to minutes apart; returns the count.</summary>
    public int AddBrowseSession(int clickBudget)
    {
        _clicks.Clear();
        var count = _random.Next(1, Math.Min(5, clickBudget) + 1);
        long offset = 0;
        for (var i = 0; i < count; i++)
        {
            _clicks.Add((offset, false));
            offset += _random.Next((int)(5 * Second), (int)(10 * Minute));
        }

        var start = PlaceStory(0, _clicks[^1].Offset);
        var user = NextUserId();
        foreach (var (clickOffset, _) in _clicks)
        {
            Add(EventTopic.Clicks, CheckoutScenario.None, user, _catalog.PickIndex(_random), start + clickOffset);
        }

        _storyId++;
        return count;
    }

    /// <summary>Falls back to a scenario needing fewer clicks when the click budget is nearly spent.</summary>
    private static CheckoutScenario Fit(CheckoutScenario scenario, int clickBudget)
    {
        var needed = scenario switch
        {
            CheckoutScenario.NoClick => 0,
            CheckoutScenario.SeveralClicksWithinHour or CheckoutScenario.TwoClicksSameMillisecond => 2,
            _ => 1,
        };
        return needed <= clickBudget ? scenario
            : clickBudget >= 1 ? CheckoutScenario.ClickWithinHour
            : CheckoutScenario.NoClick;
    }

    private void LayOutClicks(CheckoutScenario scenario, int clickBudget)
    {
        _clicks.Clear();
        switch (scenario)
        {
            case CheckoutScenario.ClickWithinHour:
                _clicks.Add((-WithinHour(), false));
                break;
            case CheckoutScenario.SeveralClicksWithinHour:
                var count = _random.Next(2, Math.Min(4, clickBudget) + 1);
                for (var i = 0; i < count; i++)
                {
                    _clicks.Add((-_random.Next((int)Second, (int)(59 * Minute)), false));
                }

                break;
            case CheckoutScenario.ClickOverAnHourBefore:
                _clicks.Add((-_random.Next((int)(61 * Minute), (int)(3 * Hour)), false));
                break;
            case CheckoutScenario.ClickAfterCheckout:
                _clicks.Add((_random.Next((int)Minute, (int)(30 * Minute)), false));
                break;
            case CheckoutScenario.ClickExactlyOneHourBefore:
                _clicks.Add((-Hour, false));
                break;
            case CheckoutScenario.TwoClicksSameMillisecond:
                var offset = -WithinHour();
                _clicks.Add((offset, false));
                _clicks.Add((offset, false));
                break;
            case CheckoutScenario.OtherUsersClick:
                _clicks.Add((-WithinHour(), true));
                break;
            default:
                break;
        }
    }

    private long WithinHour() => _random.Next((int)Minute, (int)(59 * Minute));

    /// <summary>Picks the story's anchor time so that anchor + every offset lies in the range.</summary>
    private long PlaceStory(long minOffset, long maxOffset)
    {
        minOffset = Math.Min(0, minOffset);
        maxOffset = Math.Max(0, maxOffset);
        return _startMs - minOffset + _random.NextInt64(_spanMs - (maxOffset - minOffset));
    }

    private void Add(EventTopic topic, CheckoutScenario scenario, int user, int product, long timestamp) =>
        _records.Add(new PlannedRecord(
            _records.Count, topic, RecordRole.Event, default, scenario, _storyId, user, product, timestamp,
            _random.NextGuid(), _random.NextUInt64()));
}
