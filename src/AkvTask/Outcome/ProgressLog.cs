using System.Globalization;
using AkvTask.Agent;
using AkvTask.Secrets;

namespace AkvTask.Outcome;

/// <summary>
/// What a long fetch says while it runs: a line now and then, and the step's progress in the web UI, so that a run
/// waiting on retries or on the vault's throttling window is seen to be alive.
/// </summary>
internal static class ProgressLog
{
    public static void Write(LoggingCommandWriter log, FetchProgress progress)
    {
        if (progress.Percent is { } percent)
        {
            log.Progress(percent, "Reading secrets");
        }

        log.Info(Describe(progress));
    }

    public static string Describe(FetchProgress progress)
    {
        var read = progress.AllFound
            ? string.Create(CultureInfo.InvariantCulture, $"{progress.Settled:N0} of {progress.Found:N0} secret(s) read")
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Settled:N0} of the {progress.Found:N0} secret(s) found so far read, still listing the vault");
        var wait = progress.ThrottleWait > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"; waiting {Math.Ceiling(progress.ThrottleWait.TotalSeconds):0} s for the vault's throttling window")
            : "";
        return $"{read}{wait}.";
    }
}
