using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.Benchmarks;

/// <summary>
/// Sets up the fake vault for a scenario and runs the step the scenario's number of times, one run at a time. With more
/// than one build to compare, their runs take turns, so that whatever else the machine does weighs on each alike.
/// </summary>
internal sealed class ScenarioRunner(FakeAzureHost azure, IReadOnlyList<StepLauncher> launchers, string tempDirectory, TextWriter progress)
{
    public const string ClientId = "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a";
    public const string ClientSecret = "bench-spn-s3cret~7";

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);
    private int _vaults;

    /// <summary>Registers the service principal the runs sign in with. Call once.</summary>
    public void Prepare() => azure.Entra.AddServicePrincipal(FakeAzureHost.DefaultTenantId, ClientId, ClientSecret);

    /// <summary>The whole step when it has nothing to do (RunAsPreJob is true, so the job stage is skipped).</summary>
    /// <returns>One figure per build, in the order of the launchers.</returns>
    public async Task<IReadOnlyList<Spread>> MeasureFloorAsync(int runs)
    {
        var vault = azure.AddVault(NextVaultName());
        var agent = Agent(vault, "*").Input("RunAsPreJob", "true").ToDictionary();
        var walls = launchers.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var l = 0; l < launchers.Count; l++)
            {
                Settle();
                var run = await launchers[l].RunAsync(agent, RunLimit);
                var log = AgentLog.Parse(run.StandardOutput + "\n" + run.StandardError);
                if (run.ExitCode != 0 || log.Result != "Skipped")
                {
                    throw new InvalidOperationException($"The do-nothing run did not skip (exit {run.ExitCode}, result {log.Result}):\n{run.StandardOutput}\n{run.StandardError}");
                }

                walls[l].Add(run.Wall.TotalSeconds);
            }
        }

        return [.. walls.Select(w => Spread.Of(w)!)];
    }

    /// <param name="floors">Each build's start-up floor, in the order of the launchers.</param>
    /// <returns>One result per build, in the order of the launchers.</returns>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(Scenario scenario, IReadOnlyList<TimeSpan> floors, int concurrency)
    {
        var vault = azure.AddVault(NextVaultName());
        var names = vault.AddSecrets(scenario.SecretCount, Scenario.SecretPrefix, scenario.ValueOf);
        var expected = scenario.ExpectedNames.ToDictionary(n => n, n => vault.GetSecret(n)!.Value, StringComparer.OrdinalIgnoreCase);
        if (names.Count != scenario.SecretCount || expected.Count != scenario.ExpectedNames.Count)
        {
            throw new InvalidOperationException("The fake vault does not hold the scenario's secrets.");
        }

        var agent = Agent(vault, scenario.Filter).ToDictionary();
        vault.Faults.Latency = scenario.Latency;
        azure.Entra.Faults.Latency = scenario.Latency;
        var measurements = launchers.Select(_ => new List<RunMeasurement>()).ToArray();
        try
        {
            for (var i = 0; i < scenario.Runs * launchers.Count; i++)
            {
                var l = i % launchers.Count;
                if (scenario.QuotaRps is { } quota)
                {
                    // Let the quota's window run out so that a fresh one starts at the run's first request, as the bound assumes.
                    vault.Faults.LimitRequestsPerSecond(quota, scenario.RetryAfterSeconds);
                    await Task.Delay(TimeSpan.FromMilliseconds(1100));
                }

                Settle();
                azure.Requests.Clear();
                var connectionsBefore = azure.ProxyConnectTargets.Count;
                var run = await launchers[l].RunAsync(agent, RunLimit);
                var log = azure.Requests.Snapshot();
                var requests = RequestStats.From(log, azure.ProxyConnectTargets.Count - connectionsBefore, run.LaunchedAt);
                var measurement = new RunMeasurement(run, requests, log, DeliveryCheck.Problem(run, scenario, expected));
                measurements[l].Add(measurement);
                progress.Write(measurement.Delivered ? "." : "x");
            }
        }
        finally
        {
            vault.Faults.Clear();
            azure.Entra.Faults.Latency = TimeSpan.Zero;
            progress.WriteLine();
        }

        var bound = LowerBound.Network(scenario, concurrency);
        return [.. launchers.Select((launcher, l) => new ScenarioResult(scenario, launcher.Label, measurements[l], floors[l], bound))];
    }

    private AgentVariables Agent(FakeKeyVault vault, string filter) =>
        AgentVariables.ServicePrincipal(FakeAzureHost.DefaultTenantId, ClientId, ClientSecret)
            .Network(azure.ProxyUrl, azure.CaCertificatePath)
            .Input("KeyVaultName", vault.Name)
            .Input("SecretsFilter", filter)
            .Set("AGENT_TEMPDIRECTORY", tempDirectory);

    private string NextVaultName() => $"kv-bench-{Interlocked.Increment(ref _vaults):00}-{Environment.ProcessId % 10000}";

    /// <summary>Collects this process's garbage between runs, so that the fake's collections do not land inside a measured run.</summary>
    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
