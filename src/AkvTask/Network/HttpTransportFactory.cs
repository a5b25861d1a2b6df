using AkvTask.Agent;
using Azure.Core.Pipeline;

namespace AkvTask.Network;

/// <summary>
/// Builds the one HTTP transport every Azure client of the task shares, so token requests and vault
/// requests alike go through the agent's proxy and trust its certificate authorities, and connections are reused.
/// </summary>
internal static class HttpTransportFactory
{
    public static HttpClientTransport Create(NetworkSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(15),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            AllowAutoRedirect = false,
        };

        if (settings.ProxyAddress is not null)
        {
            handler.Proxy = new AgentWebProxy(settings.ProxyAddress, settings.ProxyCredential, settings.ProxyBypassPatterns);
            handler.UseProxy = true;
        }

        if (settings.ExtraCertificateAuthoritiesPath is not null)
        {
            var authorities = ExtraCertificateAuthorities.Load(settings.ExtraCertificateAuthoritiesPath);
            handler.SslOptions.RemoteCertificateValidationCallback =
                (_, certificate, chain, errors) => authorities.Validate(certificate, chain, errors);
        }

        return new HttpClientTransport(handler);
    }
}
