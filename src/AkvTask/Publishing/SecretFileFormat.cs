using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>
/// One way a secret is written as a file: the name inputs and the check command use for it, the extension it adds,
/// the words the log, the run summary and the check command use for it, and how its bytes are made. <see cref="All"/>
/// is the one table of formats; task.json's CertificateFormat pickList lists the same names (a test holds them equal).
/// </summary>
internal sealed class SecretFileFormat
{
    private readonly Func<FetchedSecret, FileContent> _make;

    private SecretFileFormat(string name, string extension, string description, bool forCertificates, Func<FetchedSecret, FileContent> make)
    {
        Name = name;
        Extension = extension;
        Description = description;
        ForCertificates = forCertificates;
        _make = make;
    }

    /// <summary>A secret that is not a certificate: its value's UTF-8 bytes, nothing added.</summary>
    public static SecretFileFormat Value { get; } = new("value", "", "value", forCertificates: false, ValueFile.From);

    /// <summary>A Key Vault certificate as a password-less PKCS#12 file: what signtool, dotnet and Windows tools take.</summary>
    public static SecretFileFormat Pfx { get; } = new("pfx", ".pfx", "certificate as PFX", forCertificates: true, CertificateFile.AsPfx);

    /// <summary>A Key Vault certificate as PEM: the private key (PKCS#8), the certificate, its chain, as openssl and nginx take.</summary>
    public static SecretFileFormat Pem { get; } = new("pem", ".pem", "certificate as PEM: key, certificate, chain", forCertificates: true, CertificateFile.AsPem);

    public static IReadOnlyList<SecretFileFormat> All { get; } = [Value, Pfx, Pem];

    /// <summary>The choices of the CertificateFormat input (and of the check command's --certificate-format).</summary>
    public static IReadOnlyList<SecretFileFormat> CertificateFormats { get; } = [.. All.Where(format => format.ForCertificates)];

    public static SecretFileFormat DefaultCertificateFormat => Pfx;

    public string Name { get; }

    /// <summary>Added to a file's name unless the name already ends with it; empty for a value.</summary>
    public string Extension { get; }

    public string Description { get; }

    /// <summary>A way to write a Key Vault certificate: one of <see cref="CertificateFormats"/>.</summary>
    public bool ForCertificates { get; }

    /// <summary>The certificate format of that name (any case), or null.</summary>
    public static SecretFileFormat? CertificateFormat(string name) =>
        CertificateFormats.FirstOrDefault(format => format.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format a secret's file takes: a Key Vault certificate (by its content type) takes the certificate format.</summary>
    public static SecretFileFormat For(string? contentType, SecretFileFormat certificateFormat) =>
        CertificateFile.IsCertificate(contentType) ? certificateFormat : Value;

    /// <summary>'web-cert' becomes 'web-cert.pfx'; 'site.pfx' stays as it is.</summary>
    public string FileName(string entry) => entry.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? entry : entry + Extension;

    /// <exception cref="SecretFileException">The value cannot become this file, e.g. a certificate without its key.</exception>
    public FileContent Make(FetchedSecret secret) => _make(secret);

    public override string ToString() => Name;
}
