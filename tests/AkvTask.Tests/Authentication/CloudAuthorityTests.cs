using AkvTask.Agent;
using AkvTask.Authentication;

namespace AkvTask.Tests.Authentication;

public class CloudAuthorityTests
{
    private static CloudEnvironment Cloud(params (string Key, string Value)[] data) =>
        CloudEnvironment.From(new ServiceConnection("id", "ServicePrincipal", new Dictionary<string, string>(), data.ToDictionary(d => d.Key, d => d.Value, StringComparer.OrdinalIgnoreCase)));

    [TestCase("AzureCloud")]
    [TestCase("AzureChinaCloud")]
    [TestCase("AzureUSGovernment")]
    [TestCase("AzureGermanCloud")]
    public void The_known_clouds_use_instance_discovery_and_the_connections_tenant(string environment)
    {
        var cloud = Cloud(("environment", environment));

        cloud.UsesInstanceDiscovery.Should().BeTrue();
        cloud.IsAdfs.Should().BeFalse();
        cloud.Tenant("t-1").Should().Be("t-1");
    }

    [TestCase("https://adfs.local.azurestack.external/adfs/")]
    [TestCase("https://adfs.local.azurestack.external/adfs")]
    [TestCase("https://ADFS.contoso.com/ADFS/")]
    public void ADFS_has_no_instance_discovery_and_one_tenant(string authority)
    {
        var cloud = Cloud(("environment", "AzureStack"), ("environmentAuthorityUrl", authority), ("AzureKeyVaultDnsSuffix", "vault.local.azurestack.external"));

        cloud.IsAdfs.Should().BeTrue();
        cloud.UsesInstanceDiscovery.Should().BeFalse();
        cloud.Tenant("t-1").Should().Be("adfs");
        cloud.Tenant(null).Should().Be("adfs");
    }

    [Test]
    public void Azure_Stack_Hub_with_Entra_ID_keeps_its_tenant_and_discovery()
    {
        var cloud = Cloud(("environment", "AzureStack"), ("environmentAuthorityUrl", "https://login.microsoftonline.com/"), ("AzureKeyVaultDnsSuffix", "vault.region.stack.contoso.com"));

        cloud.UsesInstanceDiscovery.Should().BeTrue();
        cloud.Tenant("t-1").Should().Be("t-1");
    }

    [Test]
    public void A_private_authority_host_goes_straight_to_its_token_endpoint()
    {
        var cloud = Cloud(("environment", "AzureStack"), ("environmentAuthorityUrl", "https://login.private.example/"), ("AzureKeyVaultDnsSuffix", "vault.private.example"));

        cloud.UsesInstanceDiscovery.Should().BeFalse();
        cloud.IsAdfs.Should().BeFalse();
    }
}
