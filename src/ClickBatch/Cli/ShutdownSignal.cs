using System.Runtime.InteropServices;

namespace ClickBatch.Cli;

/// <summary>
/// Turns SIGINT and SIGTERM into a cancellation token, so commands stop gracefully: commit what is complete,
/// release native resources, exit non-zero. A second signal is left to the runtime's default (immediate exit).
/// </summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_source.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _source.Cancel();
    }
}
