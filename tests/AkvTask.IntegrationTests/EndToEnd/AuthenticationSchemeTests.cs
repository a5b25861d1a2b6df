using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>Every AzureRM connection scheme signs in and reads the vault, the way the agent hands the connection over.</summary>
public class AuthenticationSchemeTests : AuthenticationTest
{
    [TestCase(false, TestName = "A certificate with a PKCS#8 key signs in")]
    [TestCase(true, TestName = "A certificate with a PKCS#1 RSA key signs in")]
    public async Task A_service_principal_certificate_signs_in_with_a_signed_assertion(bool pkcs1)
    {
        Vault.SetSecret("s", "by-certificate");

        var run = await Run(CertificateAgent(Pem(Certificate, pkcs1)));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("by-certificate");
        TokenRequests.Should().ContainSingle().Which.Should().Match<TokenRequest>(t =>
            t.ClientId == CertificateClientId
            && t.Fields["client_assertion"] == "***"
            && t.Fields["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
            && !t.Fields.ContainsKey("client_secret")
            && t.Status == 200);
    }

    [Test]
    public async Task A_system_assigned_managed_identity_gets_its_token_from_the_metadata_endpoint_directly()
    {
        Vault.SetSecret("s", "by-system-identity");

        var run = await Run(ManagedIdentityAgent());

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("by-system-identity");
        var request = MetadataRequests.Should().ContainSingle().Subject;
        request.Should().Be(new ManagedIdentityTokenRequest("GET", "/metadata/identity/oauth2/token", "2018-02-01", "https://vault.azure.net", null, "true", 200));
        TokenRequests.Should().BeEmpty("a managed identity never goes to Entra ID itself");
        Tunnels.Should().OnlyContain(target => target == $"{Vault.Host}:443", "the metadata endpoint is never proxied");
        Azure.ProxyPlainHttpRequests.Should().BeEmpty();
    }

    [Test]
    public async Task A_user_assigned_managed_identity_is_asked_for_by_its_client_id()
    {
        Vault.SetSecret("s", "by-user-identity");

        var run = await Run(ManagedIdentityAgent(UserAssignedClientId));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("by-user-identity");
        MetadataRequests.Should().ContainSingle().Which.ClientId.Should().Be(UserAssignedClientId);
    }

    [Test]
    public async Task A_brief_failure_of_the_metadata_endpoint_is_ridden_out()
    {
        Vault.SetSecret("s", "after-a-retry");
        Metadata.FailNext(1, 503);

        var run = await Run(ManagedIdentityAgent());

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("after-a-retry");
        MetadataRequests.Select(r => r.Status).Should().Equal(503, 200);
    }

    [Test]
    public async Task Workload_identity_federation_exchanges_the_jobs_OIDC_token_from_SYSTEM_OIDCREQUESTURI()
    {
        Vault.SetSecret("s", "by-federation");

        var run = await Run(FederationAgent());

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("by-federation");
        var request = OidcRequests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/contoso/5a1b2c3d-0000-4000-8000-000000000001/_apis/distributedtask/hubs/build/plans/5a1b2c3d-0000-4000-8000-000000000002/jobs/5a1b2c3d-0000-4000-8000-000000000003/oidctoken");
        request.Should().Match<OidcTokenRequest>(r =>
            r.ApiVersion == "7.1" && r.ServiceConnectionId == AgentVariables.ConnectionId && r.BearerAccepted && r.Status == 200);
        TokenRequests.Should().ContainSingle().Which.Should().Match<TokenRequest>(t =>
            t.ClientId == FederatedClientId && t.Fields["client_assertion"] == "***" && t.Status == 200);
        Tunnels.Should().Contain($"{FakeAzureDevOps.Host}:443", "the OIDC request goes through the agent's proxy too");
    }

    [Test]
    public async Task A_classic_release_without_SYSTEM_OIDCREQUESTURI_asks_the_release_hubs_plan_and_job_endpoint()
    {
        Vault.SetSecret("s", "by-federation-in-a-release");

        var run = await Run(FederationAgent().Remove("SYSTEM_OIDCREQUESTURI").Set("SYSTEM_HOSTTYPE", "release"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("by-federation-in-a-release");
        OidcRequests.Should().ContainSingle().Which.Should().Match<OidcTokenRequest>(r =>
            r.Hub == "release" && r.ApiVersion == "7.1-preview.1" && r.ServiceConnectionId == AgentVariables.ConnectionId && r.BearerAccepted);
    }

    [TestCase("PublishProfile")]
    [TestCase("UsernamePassword")]
    public async Task A_scheme_the_task_cannot_use_fails_before_any_request_and_says_which_work(string scheme)
    {
        var run = await Run(ForVault(AgentVariables.WithScheme(scheme, new() { ["tenantid"] = TenantId })));

        run.ExitCode.Should().Be(1);
        run.Log.Result.Should().Be("Failed");
        run.Log.ResultMessage.Should().Contain($"'{scheme}'")
            .And.Contain("WorkloadIdentityFederation").And.Contain("ServicePrincipal").And.Contain("ManagedServiceIdentity");
        Azure.Requests.Count.Should().Be(0);
    }
}
