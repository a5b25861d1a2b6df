using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>
/// A Key Vault certificate's file. Key Vault stores a certificate's secret as PKCS#12 (base64) or PEM, as its content
/// type says; either becomes a password-less PFX or a PEM of key, certificate and chain, in memory only. A file in the
/// form the vault already holds is the value itself, byte for byte.
/// </summary>
internal static class CertificateFile
{
    private const string Pkcs12ContentType = "application/x-pkcs12";
    private const string PemContentType = "application/x-pem-file";

    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    public static bool IsCertificate(string? contentType) => IsPkcs12(contentType) || Is(contentType, PemContentType);

    /// <exception cref="SecretFileException">The value is no certificate with its key that a PFX can hold.</exception>
    public static FileContent AsPfx(FetchedSecret secret)
    {
        var (name, value) = (secret.Name, secret.Value);
        if (IsPkcs12(secret.ContentType))
        {
            var (pfx, certificates) = LoadPkcs12(name, value);
            using var _ = new CollectionDisposal(certificates);
            LeafOf(certificates, name);
            var base64 = Convert.ToBase64String(pfx);
            return new FileContent(pfx, base64 == value.Trim() ? [base64] : [base64, value.Trim()]);
        }

        var (certificatePems, keys) = PemBlocks(name, value);
        var collection = new X509Certificate2Collection();
        using var disposal = new CollectionDisposal(collection);
        X509Certificate2? leaf = null;
        Exception? mismatch = null;
        foreach (var certificate in certificatePems)
        {
            if (leaf is null && TryWithKey(certificate, keys[0], ref mismatch) is { } withKey)
            {
                leaf = withKey;
                collection.Insert(0, withKey);
            }
            else
            {
                collection.Add(X509Certificate2.CreateFromPem(certificate));
            }
        }

        if (leaf is null)
        {
            throw Unreadable(name, $"its private key does not belong to any of its {certificatePems.Count} certificate(s), or could not be read ({mismatch?.Message})");
        }

        var exported = collection.Export(X509ContentType.Pkcs12) ?? throw Unreadable(name, "it could not be exported as PKCS#12");
        return new FileContent(exported, [Convert.ToBase64String(exported)]);
    }

    /// <exception cref="SecretFileException">The value is no certificate with its key that a PEM can hold.</exception>
    public static FileContent AsPem(FetchedSecret secret)
    {
        var (name, value) = (secret.Name, secret.Value);
        if (!IsPkcs12(secret.ContentType))
        {
            PemBlocks(name, value);
            return new FileContent(Encoding.UTF8.GetBytes(value), SecretLines.ToRegister(value));
        }

        var (pfx, certificates) = LoadPkcs12(name, value);
        using var _ = new CollectionDisposal(certificates);
        var leaf = LeafOf(certificates, name);
        var pem = new StringBuilder();
        using (var key = PrivateKeyOf(leaf, name))
        {
            pem.Append(key.ExportPkcs8PrivateKeyPem()).Append('\n');
        }

        foreach (var certificate in ChainFrom(leaf, certificates))
        {
            pem.Append(certificate.ExportCertificatePem()).Append('\n');
        }

        var text = pem.ToString();
        return new FileContent(Encoding.UTF8.GetBytes(text), [.. SecretLines.ToRegister(text), Convert.ToBase64String(pfx)]);
    }

    private static bool IsPkcs12(string? contentType) => Is(contentType, Pkcs12ContentType);

    private static bool Is(string? contentType, string expected) =>
        string.Equals(contentType?.Split(';')[0].Trim(), expected, StringComparison.OrdinalIgnoreCase);

    private static (byte[] Pfx, X509Certificate2Collection Certificates) LoadPkcs12(string name, string value)
    {
        byte[] pfx;
        try
        {
            pfx = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw Unreadable(name, "its content type is application/x-pkcs12 but its value is not base64");
        }

        try
        {
            return (pfx, X509CertificateLoader.LoadPkcs12Collection(pfx, password: null, KeyStorage));
        }
        catch (CryptographicException e)
        {
            throw Unreadable(name, $"its value is not a password-less PKCS#12 file ({e.Message})");
        }
    }

    private static X509Certificate2 LeafOf(X509Certificate2Collection certificates, string name) =>
        certificates.FirstOrDefault(c => c.HasPrivateKey) ?? throw NoPrivateKey(name, certificates.Count);

    /// <summary>The CERTIFICATE blocks and the private key blocks of a PEM value, which must have one of each at least.</summary>
    private static (List<string> Certificates, List<string> Keys) PemBlocks(string name, string value)
    {
        var certificates = new List<string>();
        var keys = new List<string>();
        var rest = value.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label == "CERTIFICATE")
            {
                certificates.Add(rest[fields.Location].ToString());
            }
            else if (KeyLabels.Contains(label))
            {
                keys.Add(rest[fields.Location].ToString());
            }

            rest = rest[fields.Location.End..];
        }

        if (certificates.Count == 0)
        {
            throw Unreadable(name, "its content type is application/x-pem-file but its value holds no CERTIFICATE block");
        }

        return keys.Count == 0 ? throw NoPrivateKey(name, certificates.Count) : (certificates, keys);
    }

    private static X509Certificate2? TryWithKey(string certificatePem, string keyPem, ref Exception? mismatch)
    {
        try
        {
            return X509Certificate2.CreateFromPem(certificatePem, keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            mismatch ??= e;
            return null; // an issuer in the chain, not the key's certificate
        }
    }

    /// <summary>The leaf, then each issuer found in the file, in order, then anything else the file holds.</summary>
    private static List<X509Certificate2> ChainFrom(X509Certificate2 leaf, X509Certificate2Collection all)
    {
        var chain = new List<X509Certificate2> { leaf };
        var rest = all.Where(c => !ReferenceEquals(c, leaf)).ToList();
        for (var current = leaf; ;)
        {
            if (current.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData))
            {
                break; // self-signed: the top of the chain
            }

            var issuer = rest.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
            if (issuer is null)
            {
                break;
            }

            chain.Add(issuer);
            rest.Remove(issuer);
            current = issuer;
        }

        chain.AddRange(rest);
        return chain;
    }

    private static AsymmetricAlgorithm PrivateKeyOf(X509Certificate2 certificate, string name) =>
        (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey()
        ?? (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey()
        ?? throw Unreadable(name, $"its private key's algorithm ({certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}) cannot be written as PEM; use CertificateFormat pfx");

    /// <summary>
    /// Exportable: the PEM needs the key out again. Ephemeral: nothing goes to the user's key store (macOS has no
    /// ephemeral key sets and keeps the key in a temporary keychain instead).
    /// </summary>
    private static X509KeyStorageFlags KeyStorage =>
        OperatingSystem.IsMacOS() ? X509KeyStorageFlags.Exportable : X509KeyStorageFlags.Exportable | X509KeyStorageFlags.EphemeralKeySet;

    private static SecretFileException NoPrivateKey(string name, int certificates) => new(
        $"Secret '{name}' is a certificate without its private key ({certificates} certificate(s), no key): Key Vault leaves the key " +
        "out of the secret when the certificate's policy marks the key as not exportable. Create a new version of the certificate " +
        "with an exportable key (Key Vault > Certificates > the certificate > Issuance Policy > Advanced Policy Configuration > " +
        "Exportable Private Key: Yes), or use the key in the vault through Key Vault's key operations instead of a file.");

    private static SecretFileException Unreadable(string name, string why) => new($"Secret '{name}' cannot be written as a certificate file: {why}.");

    /// <summary>Certificates hold native handles (and, on Windows, key containers): free them as soon as the bytes are out.</summary>
    private readonly struct CollectionDisposal(X509Certificate2Collection collection) : IDisposable
    {
        public void Dispose()
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }
}
