using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// One fake Azure per fixture, a fresh vault per test, and the task run as the agent runs it, reaching the fake
/// only through the agent's proxy and CA settings.
/// </summary>
public abstract class EndToEndTest
{
    protected const string ClientId = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";
    protected const string ClientSecret = "spn-s3cret-Value~42";

    private static int _vaults;

    protected FakeAzureHost Azure { get; private set; } = null!;

    protected FakeKeyVault Vault { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAzure()
    {
        Azure = await FakeAzureHost.StartAsync();
        Azure.Entra.AddServicePrincipal(FakeAzureHost.DefaultTenantId, ClientId, ClientSecret);
    }

    [OneTimeTearDown]
    public async Task StopAzure() => await Azure.DisposeAsync();

    [SetUp]
    public void NewVault()
    {
        Vault = Azure.AddVault($"kv-e2e-{Interlocked.Increment(ref _vaults):000}-{Environment.ProcessId % 1000}");
        Azure.Requests.Clear();
    }

    /// <summary>The environment the agent gives the task for this test's vault and a service principal connection.</summary>
    protected AgentVariables Agent(string filter = "*") =>
        AgentVariables.ServicePrincipal(FakeAzureHost.DefaultTenantId, ClientId, ClientSecret)
            .Network(Azure.ProxyUrl, Azure.CaCertificatePath)
            .Input("KeyVaultName", Vault.Name)
            .Input("SecretsFilter", filter)
            .Set("AGENT_TEMPDIRECTORY", TestTemp());

    protected static Task<TaskRun> Run(AgentVariables agent, string entry = TaskLauncher.JobEntry, TimeSpan? timeout = null) =>
        TaskLauncher.RunAsync(agent.ToDictionary(), entry, timeout);

    /// <summary>Secrets must never be readable in the log: not a value, not a maskable line of one, not a credential.</summary>
    protected static void AssertNothingSecretInTheClear(TaskRun run, IEnumerable<string> values, params string[] credentials)
    {
        var output = run.AllOutput;
        foreach (var credential in credentials)
        {
            output.Should().NotContain(credential, "a credential is never printed, not even masked");
        }

        var visible = string.Join("\n", run.Log.VisibleText);
        foreach (var value in values)
        {
            foreach (var line in MaskableParts(value))
            {
                visible.Should().NotContain(line, "a secret or a line of one must never be printed in the clear");
                // The agent masks a log line by line: only a registered text without a line break can hide a line of a value.
                run.Log.MaskedValues.Should().Contain(
                    masked => !masked.Contains('\n') && !masked.Contains('\r') && masked.Contains(line), $"each maskable line is registered, '{line}' too");
            }
        }
    }

    /// <summary>
    /// Each line of a value that must be masked: 8 or more non-blank characters whatever they are, or 4 or more with a
    /// letter or digit (the rule docs/secret-files.md and docs/filter-language.md state).
    /// </summary>
    protected static IEnumerable<string> MaskableParts(string value) =>
        value.Split(["\r\n", "\n", "\r"], StringSplitOptions.TrimEntries)
            .Where(line => line.Count(c => !char.IsWhiteSpace(c)) >= 8 || (line.Length >= 4 && line.Any(char.IsLetterOrDigit)));

    protected static string TestTemp()
    {
        var folder = Path.Combine(Path.GetTempPath(), "akv-e2e", TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
