using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// A certificate as Key Vault keeps it in its secret, made in the test: a leaf with its key, issued by an intermediate
/// issued by a root, as a password-less PFX (base64, content type application/x-pkcs12) or as PEM (key, leaf, chain;
/// application/x-pem-file).
/// </summary>
public sealed class KeyVaultCertificate : IDisposable
{
    public const string Pkcs12ContentType = "application/x-pkcs12";
    public const string PemContentType = "application/x-pem-file";

    private KeyVaultCertificate(X509Certificate2 leaf, X509Certificate2 intermediate, X509Certificate2 root)
    {
        Leaf = leaf;
        Intermediate = intermediate;
        Root = root;
    }

    /// <summary>The leaf with its private key.</summary>
    public X509Certificate2 Leaf { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 Root { get; }

    public static KeyVaultCertificate Create(string subject, bool ecdsa = false)
    {
        using var rootKey = RSA.Create(2048);
        var rootRequest = new CertificateRequest($"CN={subject} Root", rootKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));

        using var intermediateKey = RSA.Create(2048);
        var intermediateRequest = new CertificateRequest($"CN={subject} Intermediate", intermediateKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var intermediatePublic = intermediateRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), [1, 2, 3, 4]);
        using var intermediate = intermediatePublic.CopyWithPrivateKey(intermediateKey);

        X509Certificate2 leaf;
        if (ecdsa)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
            var signer = X509SignatureGenerator.CreateForRSA(intermediateKey, RSASignaturePadding.Pkcs1);
            using var issued = request.Create(intermediate.SubjectName, signer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), [5, 6, 7, 8]);
            leaf = issued.CopyWithPrivateKey(key);
        }
        else
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var issued = request.Create(intermediate, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), [5, 6, 7, 8]);
            leaf = issued.CopyWithPrivateKey(key);
        }

        return new KeyVaultCertificate(
            leaf,
            X509CertificateLoader.LoadCertificate(intermediate.RawData),
            X509CertificateLoader.LoadCertificate(root.RawData));
    }

    /// <summary>The secret's value for a certificate with an exportable key: base64 of a password-less PFX, chain included.</summary>
    public string Pkcs12Value() =>
        Convert.ToBase64String(new X509Certificate2Collection { Leaf, Intermediate, Root }.Export(X509ContentType.Pkcs12)!);

    /// <summary>The secret's value for a certificate whose key is not exportable: the certificates, no key.</summary>
    public string Pkcs12ValueWithoutKey() =>
        Convert.ToBase64String(new X509Certificate2Collection
        {
            X509CertificateLoader.LoadCertificate(Leaf.RawData), Intermediate, Root,
        }.Export(X509ContentType.Pkcs12)!);

    /// <summary>The secret's value in PEM: the PKCS#8 key, then the leaf, then the chain.</summary>
    public string PemValue()
    {
        var text = new StringBuilder();
        using (var key = (AsymmetricAlgorithm?)Leaf.GetRSAPrivateKey() ?? Leaf.GetECDsaPrivateKey()!)
        {
            text.Append(key.ExportPkcs8PrivateKeyPem()).Append('\n');
        }

        foreach (var certificate in new[] { Leaf, Intermediate, Root })
        {
            text.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        return text.ToString();
    }

    public void Dispose()
    {
        Leaf.Dispose();
        Intermediate.Dispose();
        Root.Dispose();
    }
}
