using System.Globalization;
using ClickBatch.Jobs.Run;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ClickBatch.Cli;

/// <summary>Per-topic progress bars on a terminal: share of the way to the end bound, records/s, offsets left.</summary>
public sealed class TerminalRunProgress : IRunProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    /// <summary>Set inside <see cref="RunAsync"/>'s Spectre progress scope.</summary>
    private ProgressContext? _context;

    /// <summary>Runs <paramref name="work"/> with live bars on stderr's terminal.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RecordsPerSecondColumn(), new LeftColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await work();
            });
    }

    public void Planned(IReadOnlyDictionary<string, long> offsetsPerTopic)
    {
        ArgumentNullException.ThrowIfNull(offsetsPerTopic);
        foreach (var (topic, planned) in offsetsPerTopic)
        {
            // Group assignment plans again with every partition the group assigns: the bar grows.
            var task = _tasks.TryGetValue(topic, out var existing) ? existing : _context!.AddTask(topic, maxValue: Math.Max(planned, 1));
            task.MaxValue = Math.Max(planned, 1);
            if (planned == 0)
            {
                task.Value = task.MaxValue;
            }

            _tasks[topic] = task;
        }
    }

    public void Read(string topic, long records)
    {
        if (_tasks.TryGetValue(topic, out var task))
        {
            task.Value = Math.Min(records, task.MaxValue);
        }
    }

    public void Completed()
    {
        foreach (var task in _tasks.Values)
        {
            task.Value = task.MaxValue;
        }
    }

    private sealed class RecordsPerSecondColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Speed ?? 0:N0} rec/s"));
    }

    private sealed class LeftColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.MaxValue - task.Value:N0} left"));
    }
}
