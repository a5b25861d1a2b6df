namespace AkvTask.Agent;

/// <summary>The task's inputs as the user set them in the pipeline (names as in task.json).</summary>
internal sealed partial record TaskInputs(
    string ConnectedServiceName,
    string KeyVaultName,
    string SecretsFilter,
    bool RunAsPreJob,
    bool HyphenAliases,
    bool OutputVariables,
    MissingSecretPolicy OnMissingSecret = MissingSecretPolicy.Fail,
    int WarnExpiringWithinDays = 30)
{
    public static TaskInputs Read(AgentEnvironment environment)
    {
        return new TaskInputs(
            ConnectedServiceName: Required(environment, "ConnectedServiceName"),
            KeyVaultName: VaultName(Required(environment, "KeyVaultName")),
            SecretsFilter: environment.Get("INPUT_SECRETSFILTER") ?? "*",
            RunAsPreJob: Boolean(environment, "RunAsPreJob", defaultValue: false),
            HyphenAliases: Boolean(environment, "HyphenAliases", defaultValue: true),
            OutputVariables: Boolean(environment, "OutputVariables", defaultValue: false),
            OnMissingSecret: MissingSecret(environment),
            WarnExpiringWithinDays: Days(environment, "WarnExpiringWithinDays", defaultValue: 30));
    }

    private static string Required(AgentEnvironment environment, string input)
    {
        var value = environment.Get("INPUT_" + input.ToUpperInvariant())?.Trim();
        return string.IsNullOrEmpty(value)
            ? throw new TaskInputException($"The input '{input}' is required but was not set.")
            : value;
    }

    private static string VaultName(string name) =>
        VaultNamePattern().IsMatch(name)
            ? name
            : throw new TaskInputException(
                $"'{name}' is not a Key Vault name: give the vault's name (3 to 24 letters, digits and hyphens), not its URL.");

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial System.Text.RegularExpressions.Regex VaultNamePattern();

    private static MissingSecretPolicy MissingSecret(AgentEnvironment environment) =>
        environment.Get("INPUT_ONMISSINGSECRET")?.Trim().ToLowerInvariant() switch
        {
            null or "fail" => MissingSecretPolicy.Fail,
            "warn" => MissingSecretPolicy.Warn,
            var other => throw new TaskInputException($"The input 'OnMissingSecret' must be fail or warn, not '{other}'."),
        };

    private static int Days(AgentEnvironment environment, string input, int defaultValue)
    {
        var value = environment.Get("INPUT_" + input.ToUpperInvariant())?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days <= 3650
            ? days
            : throw new TaskInputException($"The input '{input}' must be a whole number of days from 0 to 3650, not '{value}'.");
    }

    private static bool Boolean(AgentEnvironment environment, string input, bool defaultValue)
    {
        var value = environment.Get("INPUT_" + input.ToUpperInvariant())?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        return bool.TryParse(value, out var parsed)
            ? parsed
            : throw new TaskInputException($"The input '{input}' must be true or false, not '{value}'.");
    }
}
