using AkvTask.Diagnostics;
using AkvTask.Agent;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Checking;

/// <summary>
/// <c>AkvTask check</c>: what the pipeline task would do with a filter, run by a person signed in locally.
/// It reads the values (that is what proves the Get permission) but prints none of them.
/// </summary>
internal static class AccessCheck
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        if (CheckOptions.Parse(args) is not { } options)
        {
            await output.WriteLineAsync(CommandLine.Help);
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
                new OutcomeRules(options.VaultName, TaskInputs.DefaultOnMissingSecret, TaskInputs.DefaultWarnExpiringWithinDays, DateTimeOffset.UtcNow))
            {
                Files = files,
                CertificateFormat = options.CertificateFormat,
            };

            await output.WriteLineAsync($"Checking vault {options.VaultUri.Host} with filter '{options.Filter}', signed in as you ({DeveloperCredential.Description}).");
            var outcome = await VaultRun.RunAsync(run, publish: (_, _, filePlan) => FileOutcome.Preview(filePlan), CancellationToken.None);
            await Print(outcome, output);
            return outcome.Result == TaskResult.Failed ? 1 : 0;
        }
        catch (Exception e)
        {
            await output.WriteLineAsync($"The task would fail: {FailureMessages.ForRun(e, connectionId: null)}");
            return 1;
        }
    }

    private static async Task Print(RunOutcome outcome, TextWriter output)
    {
        await output.WriteLineAsync($"Would set {outcome.Published.Count} secret(s):");
        foreach (var (secret, names) in outcome.Published)
        {
            await output.WriteLineAsync($"  {secret.Name} -> {string.Join(", ", names.Select(n => $"$({n})"))}");
        }

        await Section(output, "Would write these files (names and formats, never content)", outcome.Files.Select(f =>
            $"{f.FileName}: secret '{f.Secret.Name}', {OutcomeLog.Describe(f.Format)} -> {string.Join(", ", f.PathVariables.Select(n => $"$({n})"))}"));
        await Section(output, "Would skip", outcome.Skipped.Select(s => $"{s.Name}: {s.Reason}"));
        await Section(output, "Warnings", outcome.Warnings.Select(w => w.Message));
        await Section(output, "Would fail", outcome.Errors.Select(e => e.Message));
        await output.WriteLineAsync(outcome.Result == TaskResult.Failed
            ? $"The task would fail: {outcome.Summary}"
            : $"The task would succeed: {outcome.Summary}");
    }

    private static async Task Section(TextWriter output, string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        if (list.Count == 0)
        {
            return;
        }

        await output.WriteLineAsync($"{title}:");
        foreach (var line in list)
        {
            await output.WriteLineAsync("  " + line.ReplaceLineEndings(" "));
        }
    }
}
