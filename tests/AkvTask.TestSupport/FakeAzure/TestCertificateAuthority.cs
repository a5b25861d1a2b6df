using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// A throw-away root CA made at test start, and the server certificates it signs on demand, one per host name.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2 _root;
    private readonly ConcurrentDictionary<string, Lazy<X509Certificate2>> _leaves = new(StringComparer.OrdinalIgnoreCase);

    private TestCertificateAuthority(X509Certificate2 root, string pemPath)
    {
        _root = root;
        CertificatePath = pemPath;
        Certificate = X509CertificateLoader.LoadCertificate(root.RawData);
    }

    /// <summary>The root certificate, without its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>A PEM file holding <see cref="Certificate"/>, as an agent's AGENT_CAINFO would name it.</summary>
    public string CertificatePath { get; }

    public static TestCertificateAuthority Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AkvTask Fake Azure Test Root CA, O=AkvTask tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-2), now.AddDays(30));
        var root = Reimport(created);

        var path = Path.Combine(Path.GetTempPath(), $"akvtask-fake-azure-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, root.ExportCertificatePem() + "\n");
        return new TestCertificateAuthority(root, path);
    }

    /// <summary>The server certificate for <paramref name="hostName"/> (SNI), minted on first use.</summary>
    public X509Certificate2 GetServerCertificate(string? hostName)
    {
        var name = string.IsNullOrEmpty(hostName) ? "localhost" : hostName.TrimEnd('.');
        return _leaves.GetOrAdd(name, n => new Lazy<X509Certificate2>(() => Mint(n))).Value;
    }

    private X509Certificate2 Mint(string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);

        var names = new SubjectAlternativeNameBuilder();
        if (IPAddress.TryParse(hostName, out var address))
        {
            names.AddIpAddress(address);
        }
        else
        {
            names.AddDnsName(hostName);
        }

        if (hostName == "localhost")
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build(critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));

        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var signed = request.Create(_root, now.AddDays(-1), now.AddDays(7), serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reimport(withKey);
    }

    // A certificate joined to an ephemeral key is not usable by SslStream on every platform; a PKCS#12 round trip
    // gives it a key that the TLS stack can load.
    private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);

    public void Dispose()
    {
        foreach (var leaf in _leaves.Values.Where(l => l.IsValueCreated))
        {
            leaf.Value.Dispose();
        }

        _leaves.Clear();
        _root.Dispose();
        Certificate.Dispose();
        try
        {
            File.Delete(CertificatePath);
        }
        catch (IOException)
        {
            // A process under test may still hold the file open; it lives in the temp folder anyway.
        }
    }
}
