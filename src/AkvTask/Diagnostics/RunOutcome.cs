using AkvTask.Pipeline;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Diagnostics;

/// <summary>The task's result and what the log says about it, from what was fetched and planned.</summary>
internal sealed class RunOutcome
{
    private RunOutcome(TaskResult result, string summary, IReadOnlyList<string> details, IReadOnlyList<string> warnings, IReadOnlyList<string> errors)
    {
        Result = result;
        Summary = summary;
        Details = details;
        Warnings = warnings;
        Errors = errors;
    }

    public TaskResult Result { get; }

    /// <summary>One line for task.complete.</summary>
    public string Summary { get; }

    public IReadOnlyList<string> Details { get; }

    public IReadOnlyList<string> Warnings { get; }

    public IReadOnlyList<string> Errors { get; }

    public static RunOutcome From(FetchReport report, VariablePlan plan, string vaultName, MissingSecretPolicy onMissing, DateTimeOffset now)
    {
        var published = plan.Conflicts.Count == 0 ? plan.Secrets : [];
        var details = published
            .Select(p => $"Set secret '{p.Secret.Name}' as {string.Join(", ", p.VariableNames.Select(name => $"$({name})"))}")
            .Concat(report.Skipped.Select(skipped => $"Skipped secret '{skipped.Name}': {skipped.Reason}."))
            .ToList();

        var warnings = new List<string>();
        foreach (var secret in published.Select(p => p.Secret).Where(s => s.Requested))
        {
            if (secret.ExpiresOn is { } expires && expires <= now)
            {
                warnings.Add($"Secret '{secret.Name}' expired on {expires:yyyy-MM-dd HH:mm} UTC; it was set because the filter names it.");
            }

            if (secret.NotBefore is { } notBefore && notBefore > now)
            {
                warnings.Add($"Secret '{secret.Name}' is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC; it was set because the filter names it.");
            }
        }

        var errors = new List<string>();
        if (report.ListingFailure is { } listing)
        {
            errors.Add(FailureMessages.ForListing(listing, vaultName));
        }

        foreach (var failure in report.Failures)
        {
            var missingAllowed = onMissing == MissingSecretPolicy.Warn && failure.Requested && failure.Failure.Kind == VaultFailureKind.NotFound;
            (missingAllowed ? warnings : errors).Add(FailureMessages.ForSecret(failure, vaultName));
        }

        errors.AddRange(plan.Conflicts.Select(FailureMessages.ForConflict));

        var set = $"{published.Count} secret(s) from vault '{vaultName}' set as variables";
        if (errors.Count > 0)
        {
            var why = plan.Conflicts.Count > 0 ? "two secrets would set the same variable, so none was set"
                : report.ListingFailure is not null ? "the vault could not be listed"
                : $"{errors.Count} secret(s) could not be read";
            return new RunOutcome(TaskResult.Failed, $"{set}; {why}.", details, warnings, errors);
        }

        return warnings.Count > 0
            ? new RunOutcome(TaskResult.SucceededWithIssues, $"{set}, with {warnings.Count} warning(s).", details, warnings, errors)
            : new RunOutcome(TaskResult.Succeeded, set + ".", details, warnings, errors);
    }

    public void WriteTo(LoggingCommandWriter log)
    {
        foreach (var line in Details)
        {
            log.Info(line);
        }

        foreach (var warning in Warnings)
        {
            log.Warning(warning);
        }

        foreach (var error in Errors)
        {
            log.Error(error);
        }
    }
}
