using System.Globalization;

namespace ClickBatch.Jobs.Run;

/// <summary>
/// Names the task a run is, so reports, status and the Delta commits say which of N tasks did what:
/// <c>CLICKBATCH_TASK_ID</c> when set, else host name and process id (an ECS task's host name is its own).
/// </summary>
public static class TaskIdentity
{
    public const string Variable = "CLICKBATCH_TASK_ID";

    public static string Of(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.TryGetValue(Variable, out var id) && !string.IsNullOrWhiteSpace(id)
            ? id.Trim()
            : Environment.MachineName + ":" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }
}
