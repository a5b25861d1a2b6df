using AkvTask.Agent;
using AkvTask.Publishing;

namespace AkvTask.Outcome;

/// <summary>
/// How the outcome reads in the job's log: a line or two in view, the per-secret detail folded in a group,
/// then the warnings and errors as issues (which also show on the run's page).
/// </summary>
internal static class OutcomeLog
{
    public static void Write(LoggingCommandWriter log, RunOutcome outcome)
    {
        if (outcome.Published.Count + outcome.Skipped.Count + outcome.Files.Count > 0)
        {
            var written = outcome.Files.Count > 0 ? $", {outcome.Files.Count} file(s) written" : "";
            log.BeginGroup($"{outcome.Published.Count} secret(s) set{written}, {outcome.Skipped.Count} skipped");
            foreach (var (secret, names) in outcome.Published)
            {
                log.Info($"Set secret '{secret.Name}' as {string.Join(", ", names.Select(name => $"$({name})"))}");
            }

            foreach (var file in outcome.Files)
            {
                log.Info($"Wrote secret '{file.Secret.Name}' to {file.FileName} ({file.Format.Description}), path in {string.Join(", ", file.PathVariables.Select(name => $"$({name})"))}");
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
