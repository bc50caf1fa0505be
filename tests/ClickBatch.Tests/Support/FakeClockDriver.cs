using Microsoft.Extensions.Time.Testing;

namespace ClickBatch.Tests.Support;

/// <summary>Moves a fake clock forward in steps until a task that waits on it completes (bounded).</summary>
public static class FakeClockDriver
{
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider clock, Task<T> task, TimeSpan step, int maxSteps = 1000)
    {
        for (var i = 0; i < maxSteps && !task.IsCompleted; i++)
        {
            await Task.Delay(2);
            clock.Advance(step);
        }

        task.IsCompleted.ShouldBeTrue("the task did not complete after " + maxSteps + " clock steps");
        return await task;
    }
}
