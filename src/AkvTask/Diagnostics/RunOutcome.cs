using AkvTask.Agent;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Diagnostics;

/// <summary>What turns a fetch into warnings or errors.</summary>
/// <param name="WarnExpiringWithinDays">Warn about secrets that expire within this many days; 0 turns it off.</param>
internal sealed record OutcomeRules(string VaultName, MissingSecretPolicy OnMissingSecret, int WarnExpiringWithinDays, DateTimeOffset Now);

/// <summary>A warning or an error of the run: what it is about (a secret, the listing, a variable) and its message.</summary>
internal sealed record Problem(string Subject, string Message);

/// <summary>The task's result, and the warnings and errors that led to it, from what was fetched and planned.</summary>
internal sealed record RunOutcome(
    TaskResult Result,
    string Summary,
    IReadOnlyList<PlannedSecret> Published,
    IReadOnlyList<SkippedSecret> Skipped,
    IReadOnlyList<Problem> Warnings,
    IReadOnlyList<Problem> Errors)
{
    /// <summary>The files written (or, for <c>check</c>, that would be), in order of their names.</summary>
    public IReadOnlyList<PlannedFile> Files { get; init; } = [];

    public static RunOutcome From(FetchReport report, VariablePlan plan, OutcomeRules rules, FileOutcome? fileOutcome = null)
    {
        var files = fileOutcome ?? FileOutcome.None;
        var published = files.Plan.Blocked ? [] : plan.ToPublish;
        var warnings = new List<Problem>();
        var used = published.Select(p => p.Secret).Concat(files.Files.Select(f => f.Secret)).Distinct();
        foreach (var secret in used)
        {
            if (ExpiryWarning(secret, rules) is { } warning)
            {
                warnings.Add(new Problem(secret.Name, warning));
            }
        }

        var errors = new List<Problem>();
        if (report.ListingFailure is { } listing)
        {
            errors.Add(new Problem("(listing)", FailureMessages.ForListing(listing, rules.VaultName)));
        }

        if (report.Secrets.Count == 0 && report.Failures.Count == 0 && report.ListingFailure is null)
        {
            warnings.Add(new Problem("(filter)", $"No secret in vault '{rules.VaultName}' matched the secrets filter, so no variable was set."));
        }

        var unread = 0;
        var missingAllowed = 0;
        foreach (var failure in report.Failures)
        {
            var allowed = rules.OnMissingSecret == MissingSecretPolicy.Warn && failure.Requested && failure.Failure.Kind == VaultFailureKind.NotFound;
            (allowed ? warnings : errors).Add(new Problem(failure.Name, FailureMessages.ForSecret(failure, rules.VaultName)));
            if (allowed)
            {
                missingAllowed++;
            }
            else
            {
                unread++;
            }
        }

        errors.AddRange(plan.Conflicts.Select(conflict => new Problem($"$({conflict.Variable})", FailureMessages.ForConflict(conflict))));
        errors.AddRange(files.Plan.Conflicts.Select(conflict => new Problem(conflict.Target, FailureMessages.ForFileConflict(conflict))));
        errors.AddRange(files.Plan.UnsafeNames.Select(name => new Problem(name.Secret, FailureMessages.ForUnsafeFileName(name.Secret, name.Reason))));
        errors.AddRange(files.Failures.Select(failure => new Problem(failure.File.FileName, failure.Message)));

        // Warnings are news, not a degraded run (AzureKeyVault@2 succeeds with an expiring secret too): only a missing
        // secret the user chose to let through (OnMissingSecret: warn) makes the run "succeeded with issues".
        var set = $"{published.Count} secret(s) from vault '{rules.VaultName}' set as variables";
        var warned = warnings.Count > 0 ? $", with {warnings.Count} warning(s)" : "";
        if (files.Plan.Files.Count > 0 || files.Failures.Count > 0)
        {
            set += $", {files.Files.Count} file(s) written";
        }

        TaskResult result;
        string summary;
        if (errors.Count > 0)
        {
            var why = plan.Conflicts.Count > 0 ? "two secrets would set the same variable, so none was set"
                : files.Plan.Blocked ? "a secret file's name clashes or is not safe, so no variable was set and no file written"
                : files.Failures.Count > 0 && unread == 0 ? $"{files.Failures.Count} file(s) could not be written"
                : report.ListingFailure is not null ? "the vault could not be listed"
                : $"{unread} secret(s) could not be read";
            (result, summary) = (TaskResult.Failed, $"{set}; {why}.");
        }
        else if (missingAllowed > 0)
        {
            (result, summary) = (TaskResult.SucceededWithIssues, $"{set}; {missingAllowed} named secret(s) missing{warned}.");
        }
        else
        {
            (result, summary) = (TaskResult.Succeeded, $"{set}{warned}.");
        }

        return new RunOutcome(result, summary, published, report.Skipped, warnings, errors) { Files = files.Files };
    }

    private static string? ExpiryWarning(FetchedSecret secret, OutcomeRules rules)
    {
        var because = secret.Requested ? "; it was set because the filter names it" : "";
        if (secret.ExpiresOn is { } expires)
        {
            if (expires <= rules.Now)
            {
                return $"Secret '{secret.Name}' expired on {expires:yyyy-MM-dd HH:mm} UTC{because}.";
            }

            if (rules.WarnExpiringWithinDays > 0 && expires <= rules.Now.AddDays(rules.WarnExpiringWithinDays))
            {
                var days = (int)Math.Ceiling((expires - rules.Now).TotalDays);
                return $"Secret '{secret.Name}' expires on {expires:yyyy-MM-dd HH:mm} UTC, in {days} day(s). Renew it before then.";
            }
        }

        return secret.NotBefore is { } notBefore && notBefore > rules.Now
            ? $"Secret '{secret.Name}' is not valid before {notBefore:yyyy-MM-dd HH:mm} UTC{because}."
            : null;
    }
}
