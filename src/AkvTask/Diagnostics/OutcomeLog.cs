using AkvTask.Agent;

namespace AkvTask.Diagnostics;

/// <summary>
/// How the outcome reads in the job's log: a line or two in view, the per-secret detail folded in a group,
/// then the warnings and errors as issues (which also show on the run's page).
/// </summary>
internal static class OutcomeLog
{
    public static void Write(LoggingCommandWriter log, RunOutcome outcome)
    {
        if (outcome.Published.Count + outcome.Skipped.Count > 0)
        {
            log.BeginGroup($"{outcome.Published.Count} secret(s) set, {outcome.Skipped.Count} skipped");
            foreach (var (secret, names) in outcome.Published)
            {
                log.Info($"Set secret '{secret.Name}' as {string.Join(", ", names.Select(name => $"$({name})"))}");
            }

            foreach (var skipped in outcome.Skipped)
            {
                log.Info($"Skipped secret '{skipped.Name}': {skipped.Reason}.");
            }

            log.EndGroup();
        }

        foreach (var warning in outcome.Warnings)
        {
            log.Warning(warning.Message);
        }

        foreach (var error in outcome.Errors)
        {
            log.Error(error.Message);
        }

        log.Info(outcome.Summary);
    }
}
