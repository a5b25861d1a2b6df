using AkvTask.Agent;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Outcome;

/// <summary>What turns a fetch into warnings or errors.</summary>
/// <param name="WarnExpiringWithinDays">Warn about secrets that expire within this many days; 0 turns it off.</param>
internal sealed record OutcomeRules(string VaultName, MissingSecretPolicy OnMissingSecret, int WarnExpiringWithinDays, DateTimeOffset Now)
{
    public const MissingSecretPolicy DefaultOnMissingSecret = MissingSecretPolicy.Fail;
    public const int DefaultWarnExpiringWithinDays = 30;
}

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

    public static RunOutcome From(FetchReport report, PublishPlan plan, OutcomeRules rules, FileOutcome? fileOutcome = null)
    {
        var files = fileOutcome ?? FileOutcome.None;
        var published = plan.SecretsToSet;
        var warnings = ExpiryWarnings(published.Select(p => p.Secret).Concat(files.Files.Select(f => f.Secret)).Distinct(), rules);
        if (report.Secrets.Count == 0 && report.Failures.Count == 0 && report.ListingFailure is null)
        {
            warnings.Add(new Problem("(filter)", $"No secret in vault '{rules.VaultName}' matched the secrets filter, so no variable was set."));
        }

        var errors = new List<Problem>();
        if (report.ListingFailure is { } listing)
        {
            errors.Add(new Problem("(listing)", FailureMessages.ForListing(listing, rules.VaultName)));
        }

        var (unread, missingAllowed) = JudgeFailures(report.Failures, rules, warnings, errors);
        errors.AddRange(PlanErrors(plan, files));

        // Warnings are news, not a degraded run (AzureKeyVault@2 succeeds with an expiring secret too): only a missing
        // secret the user chose to let through (OnMissingSecret: warn) makes the run "succeeded with issues".
        var set = $"{published.Count} secret(s) from vault '{rules.VaultName}' set as variables";
        if (plan.Files.Files.Count > 0 || files.Failures.Count > 0)
        {
            set += $", {files.Files.Count} file(s) written";
        }

        var warned = warnings.Count > 0 ? $", with {warnings.Count} warning(s)" : "";
        var (result, summary) = errors.Count > 0 ? (TaskResult.Failed, $"{set}; {WhyFailed(report, plan, files, unread)}.")
            : missingAllowed > 0 ? (TaskResult.SucceededWithIssues, $"{set}; {missingAllowed} named secret(s) missing{warned}.")
            : (TaskResult.Succeeded, $"{set}{warned}.");
        return new RunOutcome(result, summary, published, report.Skipped, warnings, errors) { Files = files.Files };
    }

    private static List<Problem> ExpiryWarnings(IEnumerable<FetchedSecret> used, OutcomeRules rules) =>
        [.. used.Select(secret => ExpiryWarning(secret, rules) is { } warning ? new Problem(secret.Name, warning) : null).OfType<Problem>()];

    /// <summary>Each failed secret is an error, or a warning when it is a missing named secret the policy lets through.</summary>
    private static (int Unread, int MissingAllowed) JudgeFailures(
        IEnumerable<SecretFailure> failures, OutcomeRules rules, List<Problem> warnings, List<Problem> errors)
    {
        int unread = 0, missingAllowed = 0;
        foreach (var failure in failures)
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

        return (unread, missingAllowed);
    }

    private static IEnumerable<Problem> PlanErrors(PublishPlan plan, FileOutcome files) =>
    [
        .. plan.Variables.Conflicts.Select(conflict => new Problem($"$({conflict.Variable})", FailureMessages.ForConflict(conflict))),
        .. plan.Files.Conflicts.Select(conflict => new Problem(conflict.Target, FailureMessages.ForFileConflict(conflict))),
        .. plan.Files.UnsafeNames.Select(name => new Problem(name.Secret, FailureMessages.ForUnsafeFileName(name.Secret, name.Reason))),
        .. files.Failures.Select(failure => new Problem(failure.File.FileName, failure.Message)),
    ];

    /// <summary>The failed run's reason in the summary line: the cause that stopped the most, first.</summary>
    private static string WhyFailed(FetchReport report, PublishPlan plan, FileOutcome files, int unread) =>
        plan.Variables.Conflicts.Count > 0 ? "two secrets would set the same variable, so none was set"
        : plan.Files.Blocked ? "a secret file's name clashes or is not safe, so no variable was set and no file written"
        : files.Failures.Count > 0 && unread == 0 ? $"{files.Failures.Count} file(s) could not be written"
        : report.ListingFailure is not null ? "the vault could not be listed"
        : $"{unread} secret(s) could not be read";

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
