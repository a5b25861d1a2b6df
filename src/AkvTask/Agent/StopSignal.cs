using System.Runtime.InteropServices;

namespace AkvTask.Agent;

/// <summary>
/// The agent cancels a step by signalling node, and the launcher asks the program to stop: it closes the program's
/// standard input (which works on every OS; on Windows the launcher could otherwise only kill it outright) and, on
/// Linux and macOS, passes the signal on as well. Either becomes a cancellation, so the task can say it was cancelled
/// and stop what is in flight instead of dying mid-line.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;

    /// <param name="stopWhenInputCloses">The launcher holds the program's standard input open until it wants it to stop.</param>
    public StopSignal(bool stopWhenInputCloses)
    {
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM }.Select(Register).OfType<PosixSignalRegistration>()];
        if (stopWhenInputCloses)
        {
            // A blocking read on its own thread: standard input cannot be read asynchronously on every OS. The thread
            // does not keep the process alive.
            new Thread(WaitForEndOfInput) { IsBackground = true, Name = "stop request" }.Start();
        }
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
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

    private void WaitForEndOfInput()
    {
        try
        {
            using var input = Console.OpenStandardInput();
            var buffer = new byte[256];
            while (input.Read(buffer) > 0)
            {
                // The launcher sends nothing; whatever comes is not a stop request.
            }
        }
        catch (IOException)
        {
            // A broken pipe is a closed one.
        }

        _source.Cancel();
    }
}
