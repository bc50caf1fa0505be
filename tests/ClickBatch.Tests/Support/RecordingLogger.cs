using Microsoft.Extensions.Logging;

namespace ClickBatch.Tests.Support;

/// <summary>Keeps every log event (level, id, formatted message), for tests that check a warning was written.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly List<(LogLevel Level, EventId Id, string Message)> _events = [];

    public IReadOnlyList<(LogLevel Level, EventId Id, string Message)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((logLevel, eventId, formatter(state, exception)));
        }
    }
}
