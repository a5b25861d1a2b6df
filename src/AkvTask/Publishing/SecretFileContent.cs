using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AkvTask.Publishing;

/// <summary>What a secret's file will hold, and the text to register for masking before it exists.</summary>
/// <param name="Masks">Every maskable line of a text file, or the base64 form of a binary one.</param>
internal sealed record FileContent(byte[] Bytes, IReadOnlyList<string> Masks)
{
    /// <summary>Never the content: this may end up in a message.</summary>
    public override string ToString() => $"{Bytes.Length} bytes";
}

/// <summary>
/// Turns a secret's value into its file's bytes. A plain secret is its UTF-8 bytes. A Key Vault certificate (PKCS#12 or
/// PEM, as its content type says) becomes a password-less PFX or a PEM of key, certificate and chain, in memory only.
/// </summary>
internal static class SecretFileContent
{
    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <exception cref="SecretFileException">The value cannot become that file, e.g. a certificate without its key.</exception>
    public static FileContent For(PlannedFile file)
    {
        var secret = file.Secret;
        if (file.Format == SecretFileFormat.Value)
        {
            return new FileContent(Encoding.UTF8.GetBytes(secret.Value), TextMasks(secret.Value));
        }

        return FilePlan.IsPkcs12(secret.ContentType)
            ? FromPkcs12(secret.Name, secret.Value, file.Format)
            : FromPem(secret.Name, secret.Value, file.Format);
    }

    /// <summary>A one-line value is masked whole, as a secret variable would be; a multi-line one line by line.</summary>
    private static IReadOnlyList<string> TextMasks(string text) =>
        SecretLines.IsMultiline(text) ? SecretLines.ToRegister(text) : text.Length > 0 ? [text] : [];

    private static FileContent FromPkcs12(string name, string value, SecretFileFormat format)
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

        X509Certificate2Collection certificates;
        try
        {
            certificates = X509CertificateLoader.LoadPkcs12Collection(pfx, password: null, KeyStorage);
        }
        catch (CryptographicException e)
        {
            throw Unreadable(name, $"its value is not a password-less PKCS#12 file ({e.Message})");
        }

        using var _ = new CollectionDisposal(certificates);
        var leaf = certificates.FirstOrDefault(c => c.HasPrivateKey) ?? throw NoPrivateKey(name, certificates.Count);
        var base64 = Convert.ToBase64String(pfx);
        if (format == SecretFileFormat.Pfx)
        {
            return new FileContent(pfx, base64 == value.Trim() ? [base64] : [base64, value.Trim()]);
        }

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
        return new FileContent(Encoding.UTF8.GetBytes(text), [.. SecretLines.ToRegister(text), base64]);
    }

    private static FileContent FromPem(string name, string value, SecretFileFormat format)
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

        if (keys.Count == 0)
        {
            throw NoPrivateKey(name, certificates.Count);
        }

        if (format == SecretFileFormat.Pem)
        {
            return new FileContent(Encoding.UTF8.GetBytes(value), SecretLines.ToRegister(value));
        }

        var collection = new X509Certificate2Collection();
        using var _ = new CollectionDisposal(collection);
        X509Certificate2? leaf = null;
        Exception? mismatch = null;
        foreach (var certificate in certificates)
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
            throw Unreadable(name, $"its private key does not belong to any of its {certificates.Count} certificate(s), or could not be read ({mismatch?.Message})");
        }

        var pfx = collection.Export(X509ContentType.Pkcs12) ?? throw Unreadable(name, "it could not be exported as PKCS#12");
        return new FileContent(pfx, [Convert.ToBase64String(pfx)]);
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
