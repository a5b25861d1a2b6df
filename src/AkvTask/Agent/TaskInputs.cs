using System.Text.RegularExpressions;

namespace AkvTask.Agent;

/// <summary>The task's inputs as the user set them in the pipeline (names as in task.json, where the same defaults stand).</summary>
internal sealed partial record TaskInputs(
    string ConnectedServiceName,
    string KeyVaultName,
    string SecretsFilter,
    bool RunAsPreJob,
    bool HyphenAliases,
    bool OutputVariables,
    MissingSecretPolicy OnMissingSecret,
    int WarnExpiringWithinDays,
    string SecretFiles = "",
    CertificateFormat CertificateFormat = TaskInputs.DefaultCertificateFormat)
{
    public const string DefaultSecretsFilter = "*";
    public const MissingSecretPolicy DefaultOnMissingSecret = MissingSecretPolicy.Fail;
    public const int DefaultWarnExpiringWithinDays = 30;
    public const CertificateFormat DefaultCertificateFormat = CertificateFormat.Pfx;

    public static TaskInputs Read(AgentEnvironment environment) => new(
        ConnectedServiceName: environment.Input(nameof(ConnectedServiceName)).Required(),
        KeyVaultName: VaultName(environment.Input(nameof(KeyVaultName)).Required()),
        SecretsFilter: environment.Input(nameof(SecretsFilter)).Text(DefaultSecretsFilter),
        RunAsPreJob: environment.Input(nameof(RunAsPreJob)).Boolean(false),
        HyphenAliases: environment.Input(nameof(HyphenAliases)).Boolean(true),
        OutputVariables: environment.Input(nameof(OutputVariables)).Boolean(false),
        OnMissingSecret: environment.Input(nameof(OnMissingSecret))
            .Choice(DefaultOnMissingSecret, ("fail", MissingSecretPolicy.Fail), ("warn", MissingSecretPolicy.Warn)),
        WarnExpiringWithinDays: environment.Input(nameof(WarnExpiringWithinDays)).WholeNumber(DefaultWarnExpiringWithinDays, 3650, "days"),
        SecretFiles: environment.Input(nameof(SecretFiles)).Text(""),
        CertificateFormat: environment.Input(nameof(CertificateFormat))
            .Choice(DefaultCertificateFormat, ("pfx", CertificateFormat.Pfx), ("pem", CertificateFormat.Pem)));

    /// <summary>A Key Vault name: 3 to 24 letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsVaultName(string name) => VaultNamePattern().IsMatch(name);

    private static string VaultName(string name) =>
        IsVaultName(name)
            ? name
            : throw new TaskInputException(
                $"'{name}' is not a Key Vault name: give the vault's name (3 to 24 letters, digits and hyphens), not its URL.");

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial Regex VaultNamePattern();
}
