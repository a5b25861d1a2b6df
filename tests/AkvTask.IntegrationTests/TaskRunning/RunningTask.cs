using System.Diagnostics;

namespace AkvTask.IntegrationTests.TaskRunning;

/// <summary>A task run still going: its node process, and what it has written to stdout so far.</summary>
public sealed class RunningTask(Process process, Func<string> outputSoFar)
{
    public Process Process { get; } = process;

    public string OutputSoFar => outputSoFar();

    /// <summary>Waits, up to <paramref name="limit"/>, until stdout holds <paramref name="text"/>; false if it never does.</summary>
    public async Task<bool> WaitForOutputAsync(string text, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!OutputSoFar.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow >= deadline || Process.HasExited)
            {
                return OutputSoFar.Contains(text, StringComparison.Ordinal);
            }

            await Task.Delay(20);
        }

        return true;
    }
}
