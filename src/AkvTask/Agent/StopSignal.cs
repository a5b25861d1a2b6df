using System.Runtime.InteropServices;

namespace AkvTask.Agent;

/// <summary>
/// The agent cancels a step by signalling its process (the launcher passes the signal on): turn that
/// into a cancellation, so the task can say it was cancelled instead of dying mid-line.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignal()
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(Register).OfType<PosixSignalRegistration>()];
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

    /// <summary>Not every platform has every signal; one that can't be registered can't be sent either.</summary>
    private PosixSignalRegistration? Register(PosixSignal signal)
    {
        try
        {
            return PosixSignalRegistration.Create(signal, Stop);
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        _source.Cancel();
    }
}
