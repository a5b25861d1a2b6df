using System.Net;
using AkvTask.Network;

namespace AkvTask.Tests.Network;

public class AgentWebProxyTests
{
    private static readonly Uri Proxy = new("http://proxy.corp:8080");

    [Test]
    public void Sends_requests_through_the_proxy()
    {
        var proxy = new AgentWebProxy(Proxy, null, []);

        proxy.GetProxy(new Uri("https://kv.vault.azure.net/secrets")).Should().Be(Proxy);
        proxy.IsBypassed(new Uri("https://login.microsoftonline.com/t/oauth2/v2.0/token")).Should().BeFalse();
    }

    [Test]
    public void Bypass_patterns_match_scheme_host_and_port_case_insensitively()
    {
        var proxy = new AgentWebProxy(Proxy, null, [@"^https://.*\.vault\.azure\.net$", "internal:8443"]);

        proxy.IsBypassed(new Uri("https://KV.vault.azure.net/secrets/x")).Should().BeTrue();
        proxy.IsBypassed(new Uri("https://login.microsoftonline.com/")).Should().BeFalse();
        proxy.IsBypassed(new Uri("https://internal:8443/")).Should().BeTrue();
        proxy.GetProxy(new Uri("https://kv.vault.azure.net/")).Should().BeNull();
    }

    [Test]
    public void The_link_local_metadata_endpoint_never_goes_through_the_proxy()
    {
        var proxy = new AgentWebProxy(Proxy, null, []);

        proxy.IsBypassed(new Uri("http://169.254.169.254/metadata/identity/oauth2/token")).Should().BeTrue();
        proxy.IsBypassed(new Uri("http://[fe80::1]/")).Should().BeTrue();
        proxy.IsBypassed(new Uri("http://10.0.0.1/")).Should().BeFalse();
    }

    [Test]
    public void Carries_the_proxy_credentials()
    {
        var credential = new NetworkCredential("user", "pass");

        new AgentWebProxy(Proxy, credential, []).Credentials.Should().BeSameAs(credential);
    }
}
