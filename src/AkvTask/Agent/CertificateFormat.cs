namespace AkvTask.Agent;

/// <summary>How a Key Vault certificate listed in SecretFiles is written (input CertificateFormat).</summary>
internal enum CertificateFormat
{
    /// <summary>A password-less PKCS#12 file, <c>name.pfx</c>: what signtool, dotnet and Windows tools take.</summary>
    Pfx,

    /// <summary>A PEM file, <c>name.pem</c>: the private key (PKCS#8), then the certificate, then its chain, as openssl and nginx take.</summary>
    Pem,
}
