namespace ClickBatch.Tests.Support;

/// <summary>
/// Runs a task that waits on a <see cref="WaitRecordingClock"/> to completion: each time the task is waiting on a
/// timer, the clock jumps to that timer's wake-up, and not before; so the number of waits is deterministic.
/// </summary>
public static class FakeClockDriver
{
    public static async Task<T> DriveAsync<T>(this WaitRecordingClock clock, Task<T> task, int maxWaits = 1000)
    {
        for (var i = 0; i < maxWaits; i++)
        {
            if (await clock.NextWakeUpAsync(task) is not { } wakeUp)
            {
                return await task;
            }

            clock.SetUtcNow(wakeUp);
        }

        task.IsCompleted.ShouldBeTrue("the task did not complete after " + maxWaits + " waits on the clock");
        return await task;
    }
}
