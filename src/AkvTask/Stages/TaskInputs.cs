using AkvTask.Agent;
using AkvTask.Authentication;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Stages;

/// <summary>The task's inputs as the user set them in the pipeline (names as in task.json, where the same defaults stand).</summary>
internal sealed record TaskInputs(
    string ConnectedServiceName,
    string KeyVaultName,
    string SecretsFilter,
    bool RunAsPreJob,
    bool HyphenAliases,
    bool OutputVariables,
    MissingSecretPolicy OnMissingSecret,
    int WarnExpiringWithinDays,
    string SecretFiles,
    SecretFileFormat CertificateFormat)
{
    public static TaskInputs Read(AgentEnvironment environment) => new(
        ConnectedServiceName: environment.Input(nameof(ConnectedServiceName)).Required(),
        KeyVaultName: VaultName(environment.Input(nameof(KeyVaultName)).Required()),
        SecretsFilter: environment.Input(nameof(SecretsFilter)).Text(SecretFilter.Everything),
        RunAsPreJob: environment.Input(nameof(RunAsPreJob)).Boolean(false),
        HyphenAliases: environment.Input(nameof(HyphenAliases)).Boolean(true),
        OutputVariables: environment.Input(nameof(OutputVariables)).Boolean(false),
        OnMissingSecret: environment.Input(nameof(OnMissingSecret))
            .Choice(OutcomeRules.DefaultOnMissingSecret, ("fail", MissingSecretPolicy.Fail), ("warn", MissingSecretPolicy.Warn)),
        WarnExpiringWithinDays: environment.Input(nameof(WarnExpiringWithinDays)).WholeNumber(OutcomeRules.DefaultWarnExpiringWithinDays, 3650, "days"),
        SecretFiles: environment.Input(nameof(SecretFiles)).Text(""),
        CertificateFormat: environment.Input(nameof(CertificateFormat))
            .Choice(SecretFileFormat.DefaultCertificateFormat, [.. SecretFileFormat.CertificateFormats.Select(format => (format.Name, format))]));

    private static string VaultName(string name) =>
        CloudEnvironment.IsVaultName(name)
            ? name
            : throw new TaskInputException(
                $"'{name}' is not a Key Vault name: give the vault's name (3 to 24 letters, digits and hyphens), not its URL.");
}
