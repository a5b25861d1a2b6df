using System.Buffers.Text;
using System.Text;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>Each way signing in goes wrong ends in one failed result that names the connection, the cause and the fix, and no credential.</summary>
public class AuthenticationDiagnosticsTests : AuthenticationTest
{
    private const string OtherTenantClientId = "0c9b8a7d-6e5f-4d3c-8b2a-1f0e9d8c7b6a";

    [Test]
    public async Task An_expired_client_secret_says_to_create_a_new_one()
    {
        Vault.SetSecret("s", "v");
        using var expired = Azure.Entra.RefuseTokenRequests(401, "invalid_client", 7000222,
            $"The provided client secret keys for app '{ClientId}' are expired. Visit the Azure portal to create new keys for your app.");

        var run = await Run(Agent("s"));

        var message = Failure(run);
        message.Should().Contain("has expired").And.Contain("Add a new client secret").And.Contain("AADSTS7000222").And.Contain(ClientId);
        AssertNothingSecretInTheClear(run, [], ClientSecret);
    }

    [Test]
    public async Task A_wrong_client_secret_says_to_paste_the_secrets_value_not_its_id()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Parameter("serviceprincipalkey", "a-wrong-secret-value"));

        Failure(run).Should().Contain("did not accept the client secret").And.Contain("not its secret ID").And.Contain("AADSTS7000215");
        AssertNothingSecretInTheClear(run, [], "a-wrong-secret-value", ClientSecret);
    }

    [Test]
    public async Task An_app_missing_from_the_tenant_says_to_check_the_ids_and_the_cloud()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(Agent("s").Parameter("serviceprincipalid", OtherTenantClientId));

        Failure(run).Should().Contain($"tenant '{TenantId}' has no application with client id '{OtherTenantClientId}'")
            .And.Contain("environment (cloud").And.Contain("AADSTS700016");
        AssertNothingSecretInTheClear(run, [], ClientSecret);
    }

    [Test]
    public async Task A_certificate_the_app_does_not_have_is_named_by_its_thumbprint()
    {
        Vault.SetSecret("s", "v");
        using var unregistered = NewCertificate("CN=not-on-the-app");
        var pem = Pem(unregistered, pkcs1: false);

        var run = await Run(CertificateAgent(pem));

        Failure(run).Should().Contain($"app '{CertificateClientId}' does not have the connection's certificate")
            .And.Contain(unregistered.Thumbprint).And.Contain("Certificates & secrets").And.Contain("AADSTS700027");
        AssertNothingSecretInTheClear(run, [], PrivateKeyLines(pem));
    }

    [Test]
    public async Task A_federated_credential_that_does_not_match_prints_the_tokens_issuer_and_subject_but_not_the_token()
    {
        Vault.SetSecret("s", "v");
        const string mismatchedClient = "9d8c7b6a-5f4e-4d3c-9b2a-0f1e2d3c4b5a";
        Azure.Entra.AddFederatedServicePrincipal(TenantId, mismatchedClient, _ => false);

        var run = await Run(FederationAgent(mismatchedClient));

        Failure(run).Should().Contain($"no federated credential of app '{mismatchedClient}' matches")
            .And.Contain($"issuer is '{DevOps.Issuer}'").And.Contain($"subject is '{ConnectionSubject}'").And.Contain("AADSTS70021");
        OidcRequests.Should().NotBeEmpty();
        AssertNothingSecretInTheClear(run, [], [AgentVariables.JobAccessToken, .. DevOps.IssuedTokens, .. DevOps.IssuedTokens.Select(Payload)]);
    }

    [Test]
    public async Task A_missing_job_access_token_says_what_to_enable_and_asks_nobody()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(FederationAgent().Remove("ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN"));

        Failure(run).Should().Contain("job's access token was not given to the task").And.Contain("Allow scripts to access the OAuth token");
        OidcRequests.Should().BeEmpty();
        TokenRequests.Should().BeEmpty();
    }

    [Test]
    public async Task A_job_access_token_that_Azure_DevOps_refuses_says_so()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(FederationAgent().Set("ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN", "a-stale-job-token"));

        Failure(run).Should().Contain($"Azure DevOps ({FakeAzureDevOps.Host}) refused the job's access token").And.Contain("401").And.Contain("TF400813");
        OidcRequests.Should().ContainSingle().Which.BearerAccepted.Should().BeFalse();
        TokenRequests.Should().BeEmpty();
        AssertNothingSecretInTheClear(run, [], "a-stale-job-token");
    }

    [Test]
    public async Task A_managed_identity_the_machine_does_not_have_says_the_agent_is_not_on_a_resource_with_it()
    {
        Vault.SetSecret("s", "v");
        const string unassigned = "7b6a5f4e-3d2c-4b1a-9f8e-7d6c5b4a3f2e";

        var run = await Run(ManagedIdentityAgent(unassigned));

        Failure(run).Should().Contain($"user-assigned managed identity {unassigned}")
            .And.Contain($"the agent is not running on an Azure resource with the user-assigned managed identity with client id '{unassigned}'");
        MetadataRequests.Should().NotBeEmpty().And.OnlyContain(r => r.Status == 400 && r.ClientId == unassigned);
    }

    [Test]
    public async Task A_machine_without_a_metadata_endpoint_says_the_agent_is_not_on_an_Azure_resource_within_seconds()
    {
        Vault.SetSecret("s", "v");

        var run = await Run(ManagedIdentityAgent(metadataUrl: ClosedLocalUrl()), timeout: TimeSpan.FromSeconds(45));

        Failure(run).Should().Contain("the agent is not running on an Azure resource with a system-assigned managed identity")
            .And.Contain("169.254.169.254").And.Contain("workload identity federation");
    }

    [Test]
    public async Task A_metadata_endpoint_that_keeps_failing_is_tried_three_times_not_left_to_hold_up_the_job()
    {
        Vault.SetSecret("s", "v");
        Metadata.FailNext(100, 500);
        try
        {
            var run = await Run(ManagedIdentityAgent(), timeout: TimeSpan.FromSeconds(45));

            Failure(run).Should().Contain("the agent is not running on an Azure resource with a system-assigned managed identity");
            MetadataRequests.Should().HaveCount(3).And.OnlyContain(r => r.Status == 500);
        }
        finally
        {
            Metadata.FailNext(0, 0);
        }
    }

    [Test]
    public async Task A_PEM_without_its_private_key_fails_before_any_request()
    {
        var run = await Run(CertificateAgent(Certificate.ExportCertificatePem()));

        run.ExitCode.Should().Be(1);
        run.Log.ResultMessage.Should().Contain($"The certificate of service connection '{AgentVariables.ConnectionId}' cannot be used").And.Contain("no private key");
        Azure.Requests.Count.Should().Be(0);
    }

    /// <summary>The run failed with one error, which is the result's message, names the connection and says the sign-in failed.</summary>
    [TestCase("AADSTS\u0667\u0660\u0660\u0660\u0662\u0661\u0665: digits of another script.")]
    [TestCase("AADSTS99999999999999999999999: a code no integer holds.")]
    public async Task Hostile_text_from_Entra_still_ends_in_one_failed_result_with_one_line(string description)
    {
        Vault.SetSecret("s", "v");
        var body = "{\"error\":\"invalid_client\",\"error_description\":\"" + description +
            "\\r\\n##vso[task.complete result=Succeeded]forged\",\"error_codes\":[7000215]}";
        using var hostile = Azure.Entra.Faults.Add(info => info.Kind == RequestKind.Token ? FaultAction.Respond(401, body) : null);

        var run = await Run(Agent("s"));

        Failure(run).Should().Contain(description.Split(':')[1].Trim());
        run.Log.Commands.Where(c => c.Area == "task" && c.Event == "complete").Should().ContainSingle("the last guard writes one result");
        run.StandardError.Should().BeEmpty("no .NET crash text");
    }

    private static string Failure(TaskRun run)
    {
        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Be(run.Log.ResultMessage);
        var message = run.Log.ResultMessage!;
        TestContext.Out.WriteLine(message);
        message.Should().StartWith($"Could not sign in with the service connection '{AgentVariables.ConnectionId}'");
        return message;
    }

    private static string Payload(string jwt) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(jwt.Split('.')[1]));
}
