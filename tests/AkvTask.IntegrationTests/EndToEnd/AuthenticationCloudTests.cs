using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>Sovereign clouds and Azure Stack Hub: the authority, the vault suffix and the vault resource follow the connection's environment.</summary>
public class AuthenticationCloudTests : AuthenticationTest
{
    private static int _cloudVaults;

    public static IEnumerable<TestCaseData> SovereignClouds()
    {
        yield return new TestCaseData("AzureChinaCloud", FakeVaultOptions.AzureChinaCloud).SetArgDisplayNames("AzureChinaCloud");
        yield return new TestCaseData("AzureUSGovernment", FakeVaultOptions.AzureUSGovernment).SetArgDisplayNames("AzureUSGovernment");
    }

    [TestCaseSource(nameof(SovereignClouds))]
    public async Task A_sovereign_cloud_signs_in_at_its_own_login_host_and_reads_its_own_vault_host(string environment, FakeVaultOptions cloud)
    {
        var vault = Azure.AddVault(NewVaultName(), cloud);
        vault.SetSecret("s", "sovereign");
        var agent = AgentVariables.ServicePrincipal(TenantId, ClientId, ClientSecret)
            .Network(Azure.ProxyUrl, Azure.CaCertificatePath)
            .Data("environment", environment)
            .Input("KeyVaultName", vault.Name)
            .Input("SecretsFilter", "s")
            .Set("AGENT_TEMPDIRECTORY", TestTemp());

        var run = await Run(agent);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("sovereign");
        var loginHost = new Uri(cloud.AuthorityHost).Host;
        Tunnels.Distinct().Should().BeEquivalentTo($"{loginHost}:443", $"{vault.Host}:443");
        vault.Host.Should().EndWith("." + cloud.DnsSuffix);
        TokenRequests.Should().ContainSingle().Which.Should().Match<TokenRequest>(t =>
            t.Host == loginHost && t.Scope == cloud.Resource + "/.default" && t.Status == 200);
    }

    [Test]
    public async Task Workload_identity_federation_works_in_a_sovereign_cloud_too()
    {
        var vault = Azure.AddVault(NewVaultName(), FakeVaultOptions.AzureChinaCloud);
        vault.SetSecret("s", "federated-in-china");
        var agent = AgentVariables.WorkloadIdentityFederation(TenantId, FederatedClientId)
            .Network(Azure.ProxyUrl, Azure.CaCertificatePath)
            .Data("environment", "AzureChinaCloud")
            .Input("KeyVaultName", vault.Name)
            .Set("AGENT_TEMPDIRECTORY", TestTemp());

        var run = await Run(agent);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("federated-in-china");
        TokenRequests.Should().ContainSingle().Which.Host.Should().Be("login.chinacloudapi.cn");
    }

    [Test]
    public async Task Azure_Stack_Hub_with_ADFS_signs_in_at_the_connections_authority_without_instance_discovery()
    {
        var adfs = FakeAdfs.MapOn(Azure);
        const string stackClient = "a5b4c3d2-e1f0-4a9b-8c7d-6e5f4a3b2c1d";
        const string stackSecret = "stack-s3cret~value";
        Azure.Entra.AddServicePrincipal(FakeAdfs.Tenant, stackClient, stackSecret);
        var vault = Azure.AddVault(NewVaultName(), new FakeVaultOptions(
            DnsSuffix: "vault.local.azurestack.external",
            AuthorityHost: $"https://{adfs.Host}",
            Resource: "https://vault.local.azurestack.external",
            TenantId: FakeAdfs.Tenant));
        vault.SetSecret("s", "on-the-stack");

        // The connection's tenant id is a real tenant's; under ADFS the tenant is always "adfs".
        var agent = AgentVariables.ServicePrincipal(TenantId, stackClient, stackSecret)
            .Network(Azure.ProxyUrl, Azure.CaCertificatePath)
            .Data("environment", "AzureStack")
            .Data("environmentAuthorityUrl", adfs.AuthorityUrl)
            .Data("AzureKeyVaultDnsSuffix", "vault.local.azurestack.external")
            .Data("AzureKeyVaultServiceEndpointResourceId", "https://vault.local.azurestack.external")
            .Input("KeyVaultName", vault.Name)
            .Set("AGENT_TEMPDIRECTORY", TestTemp());

        var run = await Run(agent);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("on-the-stack");
        adfs.Requests.Should().Equal("POST /adfs/oauth2/token");
        Azure.Requests.CountOf(RequestKind.InstanceDiscovery).Should().Be(0, "ADFS has no instance discovery, and Entra ID's refuses unknown hosts");
        Tunnels.Distinct().Should().BeEquivalentTo($"{adfs.Host}:443", $"{vault.Host}:443");
        AssertNothingSecretInTheClear(run, ["on-the-stack"], stackSecret);
    }

    private static string NewVaultName() => $"kv-cloud-{Interlocked.Increment(ref _cloudVaults):000}-{Environment.ProcessId % 1000}";
}
