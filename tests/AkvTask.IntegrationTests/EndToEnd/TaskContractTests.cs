using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>The agent's side of the contract: stages, inputs, results, output variables, summary.</summary>
public class TaskContractTests : EndToEndTest
{
    [Test]
    public async Task Named_secrets_are_read_directly_under_the_vaults_own_casing_without_listing()
    {
        Vault.SetSecret("Db-Password", "p1");
        Vault.SetSecret("ApiKey", "k1");
        Vault.SetSecret("not-asked", "x");

        var run = await Run(Agent(" db-password ,\napikey"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Should().BeEquivalentTo("Db-Password", "Db_Password", "ApiKey");
        run.Log.Variables.Values.Select(v => v.Name).Should().Contain("Db-Password", "the vault's own casing");
        Azure.Requests.CountOf(RequestKind.SecretList).Should().Be(0, "an identity with Get but not List must work");
        Azure.Requests.Snapshot().Count(r => r.Host == Vault.Host && !r.HasBearer).Should().Be(1, "one request meets the sign-in challenge, not one per worker");
    }

    [TestCase(false, TaskLauncher.JobEntry, true)]
    [TestCase(false, TaskLauncher.PreJobEntry, false)]
    [TestCase(true, TaskLauncher.JobEntry, false)]
    [TestCase(true, TaskLauncher.PreJobEntry, true)]
    public async Task Only_the_stage_RunAsPreJob_selects_reads_the_vault(bool runAsPreJob, string entry, bool works)
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Input("RunAsPreJob", runAsPreJob ? "true" : "false"), entry);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be(works ? "Succeeded" : "Skipped");
        run.Log.Variables.ContainsKey("s").Should().Be(works);
        if (works)
        {
            Azure.Requests.CountOf(RequestKind.SecretGet).Should().BeGreaterThan(0, "the stage that works reads the secret");
        }
        else
        {
            Azure.Requests.Count.Should().Be(0, "the stage that skips makes no request at all");
            run.Log.ResultMessage.Should().Contain("RunAsPreJob");
        }
    }

    [Test]
    public async Task Output_variables_are_set_for_later_jobs_and_kept_for_this_one()
    {
        Vault.SetSecret("conn-string", "Server=x;Password=y;");

        var run = await Run(Agent("conn-string").Input("OutputVariables", "true"));

        run.Log.OutputVariables["conn-string"].Should().Be(new PipelineVariable("conn-string", "Server=x;Password=y;", true, true));
        run.Log.OutputVariables["conn_string"].IsOutput.Should().BeTrue();
        run.Log.Variables["conn-string"].IsOutput.Should().BeFalse();
    }

    [Test]
    public async Task Hyphen_aliases_can_be_turned_off()
    {
        Vault.SetSecret("a-b", "v");

        var run = await Run(Agent("a-b").Input("HyphenAliases", "false"));

        run.Log.Variables.Keys.Should().Equal("a-b");
    }

    [Test]
    public async Task All_traffic_goes_through_the_agent_proxy_to_the_real_host_names()
    {
        Vault.SetSecret("s", "v");
        Azure.RequireProxyCredentials("proxy-user", "proxy-p@ss;word");
        var before = Azure.ProxyConnectTargets.Count;

        try
        {
            var run = await Run(Agent("*").Set("AGENT_PROXYUSERNAME", "proxy-user").Set("SECRET_AGENT_PROXYPASSWORD", "proxy-p@ss;word"));

            run.ExitCode.Should().Be(0, run.ToString());
            run.Log.Variables["s"].Value.Should().Be("v");
            Azure.ProxyConnectTargets.Skip(before).Distinct().Should().BeEquivalentTo("login.microsoftonline.com:443", $"{Vault.Host}:443");
            Azure.ProxyPlainHttpRequests.Should().BeEmpty();
            AssertNothingSecretInTheClear(run, [], "proxy-p@ss;word");
        }
        finally
        {
            Azure.RequireProxyCredentials(null, null);
        }
    }

    [Test]
    public async Task A_bypassed_host_goes_direct_and_so_cannot_reach_the_fake()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Set("AGENT_PROXYBYPASSLIST", $"[\"{Vault.Host.Replace(".", "\\\\.")}\"]"), timeout: TimeSpan.FromSeconds(90));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("could not be reached").And.Contain(Vault.Name);
        Azure.ProxyConnectTargets.Should().NotContain(target => target.StartsWith(Vault.Host, StringComparison.Ordinal));
    }

    [Test]
    public async Task A_server_certificate_from_an_untrusted_authority_is_refused()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Remove("AGENT_CAINFO"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Result.Should().Be("Failed");
        run.Log.Variables.Should().BeEmpty();
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("certificate is not trusted").And.Contain("--sslcacert");
    }

    [Test]
    public async Task A_wrong_client_secret_fails_with_Entras_reason_and_never_prints_the_secret()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Parameter("serviceprincipalkey", "wrong-secret-value"));

        run.ExitCode.Should().Be(1);
        run.Log.Result.Should().Be("Failed");
        run.Log.ResultMessage.Should().Contain("AADSTS7000215").And.Contain(AgentVariables.ConnectionId);
        AssertNothingSecretInTheClear(run, [], "wrong-secret-value", ClientSecret);
    }

    [Test]
    public async Task A_secret_that_cannot_be_read_fails_the_task_after_the_others_are_set()
    {
        Vault.SetSecret("present", "here");
        Vault.SetSecret("db-password", "p");

        var run = await Run(Agent("present, db-pasword"));

        run.ExitCode.Should().Be(1);
        run.Log.Result.Should().Be("Failed");
        run.Log.Variables["present"].Value.Should().Be("here");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'db-pasword'").And.Contain("Did you mean 'db-password'?");
    }

    [Test]
    public async Task An_empty_secret_is_set_empty_not_skipped()
    {
        Vault.SetSecret("empty", "");

        var run = await Run(Agent("empty"));

        run.Log.Variables["empty"].Value.Should().BeEmpty();
        run.Log.Result.Should().Be("Succeeded");
    }

    [Test]
    public async Task A_missing_input_fails_clearly_before_any_request()
    {
        var run = await Run(Agent("*").Remove("INPUT_KEYVAULTNAME"));

        run.ExitCode.Should().Be(1);
        run.Log.ResultMessage.Should().Contain("'KeyVaultName'");
        Azure.Requests.Count.Should().Be(0);
    }
}
