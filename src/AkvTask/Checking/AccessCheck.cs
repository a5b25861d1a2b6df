using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Run;
using AkvTask.Secrets;

namespace AkvTask.Checking;

/// <summary>
/// <c>AkvTask check</c>: what the pipeline task would do with a filter, run by a person signed in locally.
/// It reads the values (that is what proves the Get permission) but prints none of them. Every line it prints is
/// defused as the task's log lines are: text from a server can never pass for a logging command, in case the check
/// runs in a pipeline step.
/// </summary>
internal static class AccessCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        CheckOptions? options;
        try
        {
            options = CheckOptions.Parse(args);
        }
        catch (TaskInputException e)
        {
            Say(output, $"AkvTask check: {e.Message}");
            return 2;
        }

        if (options is null)
        {
            await output.WriteLineAsync($"Usage:\n{CheckOptions.Usage}");
            return 2;
        }

        try
        {
            var filter = SecretFilter.Parse(options.Filter);
            var files = string.IsNullOrWhiteSpace(options.Files) ? null : SecretFilter.Parse(options.Files, FilterList.SecretFiles);
            var environment = AgentEnvironment.FromProcess();
            var run = new VaultRunSettings(
                options.VaultUri,
                filter,
                AgentNetwork.Read(environment),
                transport => DeveloperCredential.Create(environment, options.TenantId, transport),
                HyphenAliases: true,
                new OutcomeRules(options.VaultName, OutcomeRules.DefaultOnMissingSecret, OutcomeRules.DefaultWarnExpiringWithinDays, DateTimeOffset.UtcNow))
            {
                Files = files,
                CertificateFormat = options.CertificateFormat,
            };

            Say(output, $"Checking vault {options.VaultUri.Host} with filter '{options.Filter}', signed in as you ({DeveloperCredential.Description}).");
            var outcome = await VaultRun.RunAsync(
                run, progress => Say(output, ProgressLog.Describe(progress)), publish: (_, plan) => FileOutcome.Preview(plan), CancellationToken.None);
            Print(outcome, output);
            return outcome.Result == TaskResult.Failed ? 1 : 0;
        }
        catch (Exception e)
        {
            Say(output, $"The task would fail: {FailureMessages.OneLineReason(e, connectionId: null)}");
            return 1;
        }
    }

    private static void Print(RunOutcome outcome, TextWriter output)
    {
        Say(output, $"Would set {outcome.Published.Count} secret(s):");
        foreach (var (secret, names) in outcome.Published)
        {
            Say(output, $"  {secret.Name} -> {string.Join(", ", names.Select(n => $"$({n})"))}");
        }

        Section(output, "Would write these files (names and formats, never content)", outcome.Files.Select(f =>
            $"{f.FileName}: secret '{f.Secret.Name}', {f.Format.Description} -> {string.Join(", ", f.PathVariables.Select(n => $"$({n})"))}"));
        Section(output, "Would skip", outcome.Skipped.Select(s => $"{s.Name}: {s.Reason}"));
        Section(output, "Warnings", outcome.Warnings.Select(w => w.Message));
        Section(output, "Would fail", outcome.Errors.Select(e => e.Message));
        Say(output, outcome.Result == TaskResult.Failed
            ? $"The task would fail: {outcome.Summary}"
            : $"The task would succeed: {outcome.Summary}");
    }

    private static void Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        Say(output, $"{title}:");
        foreach (var line in list)
        {
            Say(output, "  " + line);
        }
    }

    /// <summary>One line, defused: server text (messages, names, content types) is quoted in it.</summary>
    private static void Say(TextWriter output, string line) =>
        output.WriteLine(LoggingCommandWriter.Defuse(line.ReplaceLineEndings(" ")));
}
