using AkvTask.Pipeline;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Diagnostics;

/// <summary>The task's result and what the log says about it, from what was fetched and published.</summary>
internal sealed class RunOutcome
{
    private readonly IReadOnlyList<string> _details;
    private readonly IReadOnlyList<string> _errors;

    private RunOutcome(TaskResult result, string summary, IReadOnlyList<string> details, IReadOnlyList<string> errors)
    {
        Result = result;
        Summary = summary;
        _details = details;
        _errors = errors;
    }

    public TaskResult Result { get; }

    /// <summary>One line for task.complete.</summary>
    public string Summary { get; }

    public static RunOutcome From(FetchReport report, IReadOnlyList<PublishedSecret> published, string vaultName)
    {
        var details = published
            .Select(secret => $"Set secret '{secret.SecretName}' as {string.Join(", ", secret.VariableNames.Select(name => $"$({name})"))}")
            .Concat(report.Skipped.Select(skipped => $"Skipped secret '{skipped.Name}': {skipped.Reason}"))
            .ToList();

        var errors = report.Failures.Select(failure => FailureMessages.ForSecret(failure, vaultName)).ToList();
        if (report.ListingFailure is { } listing)
        {
            errors.Insert(0, FailureMessages.ForListing(listing, vaultName));
        }

        var set = $"{published.Count} secret(s) set as variables from vault '{vaultName}'";
        if (errors.Count == 0)
        {
            return new RunOutcome(TaskResult.Succeeded, set + ".", details, errors);
        }

        var failed = report.ListingFailure is null
            ? $"{report.Failures.Count} secret(s) could not be read"
            : "the vault could not be listed";
        return new RunOutcome(TaskResult.Failed, $"{set}; {failed}.", details, errors);
    }

    public void WriteTo(LoggingCommandWriter log)
    {
        foreach (var line in _details)
        {
            log.Info(line);
        }

        foreach (var error in _errors)
        {
            log.Error(error);
        }
    }
}
