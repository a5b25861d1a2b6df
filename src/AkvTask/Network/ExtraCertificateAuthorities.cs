using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace AkvTask.Network;

/// <summary>
/// Certificate authorities the agent was told to trust (AGENT_CAINFO), typically a corporate TLS-inspecting
/// proxy's. A server certificate is accepted when the system trusts it, or when its only fault is a chain
/// that ends in one of these authorities; a wrong host name is never accepted.
/// </summary>
internal sealed class ExtraCertificateAuthorities
{
    private readonly X509Certificate2Collection _authorities;

    private ExtraCertificateAuthorities(X509Certificate2Collection authorities) => _authorities = authorities;

    public static ExtraCertificateAuthorities Load(string pemPath)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(pemPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException(
                $"The agent's certificate authority file '{pemPath}' (AGENT_CAINFO) could not be read: {e.Message}", e);
        }

        if (authorities.Count == 0)
        {
            throw new InvalidOperationException(
                $"The agent's certificate authority file '{pemPath}' (AGENT_CAINFO) holds no PEM certificate.");
        }

        return new ExtraCertificateAuthorities(authorities);
    }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        // Private authorities rarely publish revocation lists reachable from a build agent.
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var loaded = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(loaded);
    }
}
