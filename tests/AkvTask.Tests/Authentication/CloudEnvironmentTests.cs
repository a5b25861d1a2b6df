using AkvTask.Agent;
using AkvTask.Authentication;

namespace AkvTask.Tests.Authentication;

public class CloudEnvironmentTests
{
    private static ServiceConnection Connection(params (string Key, string Value)[] data) =>
        new("id", "ServicePrincipal", new Dictionary<string, string>(), data.ToDictionary(d => d.Key, d => d.Value, StringComparer.OrdinalIgnoreCase));

    [Test]
    public void The_public_cloud_is_the_default()
    {
        var cloud = CloudEnvironment.From(Connection());

        cloud.Should().Be(new CloudEnvironment("AzureCloud", new Uri("https://login.microsoftonline.com/"), "vault.azure.net", new Uri("https://vault.azure.net")));
        cloud.VaultUri("my-vault").Should().Be(new Uri("https://my-vault.vault.azure.net/"));
    }

    [TestCase("AzureChinaCloud", "https://login.chinacloudapi.cn/", "vault.azure.cn")]
    [TestCase("AzureUSGovernment", "https://login.microsoftonline.us/", "vault.usgovcloudapi.net")]
    [TestCase("AzureGermanCloud", "https://login.microsoftonline.de/", "vault.microsoftazure.de")]
    public void Named_clouds_have_their_own_hosts(string name, string authority, string suffix)
    {
        var cloud = CloudEnvironment.From(Connection(("environment", name)));

        cloud.AuthorityHost.Should().Be(new Uri(authority));
        cloud.VaultDnsSuffix.Should().Be(suffix);
        cloud.VaultResource.Should().Be(new Uri("https://" + suffix));
    }

    [Test]
    public void The_connection_data_wins_over_the_defaults()
    {
        var cloud = CloudEnvironment.From(Connection(
            ("ENVIRONMENT", "AzureStack"),
            ("ENVIRONMENTAUTHORITYURL", "https://adfs.local.azurestack.external/adfs/"),
            ("AZUREKEYVAULTDNSSUFFIX", ".vault.local.azurestack.external"),
            ("AZUREKEYVAULTSERVICEENDPOINTRESOURCEID", "https://vault.local.azurestack.external")));

        cloud.AuthorityHost.Should().Be(new Uri("https://adfs.local.azurestack.external/adfs/"));
        cloud.VaultDnsSuffix.Should().Be("vault.local.azurestack.external");
        cloud.VaultUri("kv").Host.Should().Be("kv.vault.local.azurestack.external");
    }

    [Test]
    public void An_unknown_cloud_without_its_hosts_is_a_clear_error()
    {
        FluentActions.Invoking(() => CloudEnvironment.From(Connection(("environment", "AzureStack"))))
            .Should().Throw<TaskInputException>().WithMessage("*AzureStack*environmentAuthorityUrl*");
    }

    [TestCase("evil.example/x")]
    [TestCase("attacker@vault.azure.net")]
    [TestCase("vault.azure.net:8443")]
    [TestCase("vault.azure.net evil")]
    [TestCase("vault..azure.net")]
    [TestCase("-vault.azure.net")]
    [TestCase("vault.azure.net?x=1")]
    public void A_vault_DNS_suffix_that_is_not_a_host_suffix_is_refused(string suffix)
    {
        FluentActions.Invoking(() => CloudEnvironment.From(Connection(("AzureKeyVaultDnsSuffix", suffix))))
            .Should().Throw<TaskInputException>().WithMessage("*'AzureKeyVaultDnsSuffix' is not a DNS suffix*");
    }

    [TestCase(".vault.azure.net/", "vault.azure.net")]
    [TestCase("vault.local-stack.contoso.com", "vault.local-stack.contoso.com")]
    public void A_vault_DNS_suffix_is_trimmed_of_its_outer_dot_and_slash(string suffix, string expected)
    {
        CloudEnvironment.From(Connection(("AzureKeyVaultDnsSuffix", suffix))).VaultDnsSuffix.Should().Be(expected);
    }
}
