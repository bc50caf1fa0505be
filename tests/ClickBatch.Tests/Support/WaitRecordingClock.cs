using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Support;

/// <summary>
/// A fake clock that records every timer the code under test starts on it (Task.Delay, Polly's backoff), so a test
/// moves time only once the code is really waiting, and by exactly the wait it asked for: no real-time races.
/// A timer disposed before it fired (a cancelled wait) still counts as pending; advancing to it is harmless.
/// </summary>
public sealed class WaitRecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private static readonly TimeSpan RealTimeBound = TimeSpan.FromSeconds(10);

    private readonly List<DateTimeOffset> wakeUps = [];
    private readonly List<TimeSpan> waits = [];

    /// <summary>The due time of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (wakeUps)
            {
                return [.. waits];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Only the test advances this clock, and only while a timer is pending, so 'now' cannot move in between.
        var now = GetUtcNow();
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (wakeUps)
            {
                wakeUps.Add(now + dueTime);
                waits.Add(dueTime);
            }
        }

        return timer;
    }

    /// <summary>
    /// Waits (in real time, at most 10 s) until <paramref name="task"/> completes or has a timer pending on this
    /// clock; returns the earliest pending wake-up, or null when the task completed. Fails when neither happens.
    /// </summary>
    public async Task<DateTimeOffset?> NextWakeUpAsync(Task task)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (task.IsCompleted)
            {
                return null;
            }

            if (PendingWakeUp() is { } wakeUp)
            {
                return wakeUp;
            }

            watch.Elapsed.ShouldBeLessThan(RealTimeBound, "the code under test neither completed nor started a timer on the fake clock");
            await Task.Delay(1);
        }
    }

    private DateTimeOffset? PendingWakeUp()
    {
        var now = GetUtcNow();
        lock (wakeUps)
        {
            var pending = wakeUps.Where(w => w > now).ToList();
            return pending.Count == 0 ? null : pending.Min();
        }
    }
}
