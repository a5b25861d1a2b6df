using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkvTask.Agent;

namespace AkvTask.Authentication;

/// <summary>
/// Loads the service connection's certificate and private key from its PEM text, in memory only: nothing is written to
/// disk. The key may be PKCS#8 (<c>PRIVATE KEY</c>), PKCS#1 (<c>RSA PRIVATE KEY</c>) or SEC 1 (<c>EC PRIVATE KEY</c>); when the
/// text holds a chain, the certificate that matches the key is the one used.
/// </summary>
internal static class CertificateFromPem
{
    private static readonly string[] KeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    public static X509Certificate2 Load(string pem, string connectionId)
    {
        var certificates = new List<string>();
        var keys = 0;
        var encryptedKey = false;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label == "CERTIFICATE")
            {
                certificates.Add(rest[fields.Location].ToString());
            }
            else if (KeyLabels.Contains(label))
            {
                keys++;
            }
            else if (label == "ENCRYPTED PRIVATE KEY")
            {
                encryptedKey = true;
            }

            rest = rest[fields.Location.End..];
        }

        if (encryptedKey && keys == 0)
        {
            throw Problem(connectionId, "its private key is encrypted with a password. Azure DevOps expects the key unencrypted in the PEM " +
                "(for example: openssl pkcs12 -in cert.pfx -out cert.pem -nodes).");
        }

        if (certificates.Count == 0 || keys == 0)
        {
            throw Problem(connectionId, $"its PEM text holds {(certificates.Count == 0 ? "no CERTIFICATE block" : "no private key block (PRIVATE KEY or RSA PRIVATE KEY)")}. " +
                "It needs the certificate and its unencrypted private key, one after the other.");
        }

        Exception? mismatch = null;
        foreach (var certificate in certificates)
        {
            try
            {
                return X509Certificate2.CreateFromPem(certificate, pem);
            }
            catch (Exception e) when (e is CryptographicException or ArgumentException)
            {
                // This certificate is not the key's (e.g. an issuer in the chain): try the next one.
                mismatch ??= e;
            }
        }

        throw Problem(connectionId, $"its private key does not belong to any of its {certificates.Count} certificate(s), or could not be read ({mismatch?.Message}).");
    }

    /// <summary>Public facts about the certificate, to compare with what the app registration shows.</summary>
    public static string Describe(X509Certificate2 certificate) =>
        string.Create(CultureInfo.InvariantCulture,
            $"certificate {certificate.Subject}, thumbprint {certificate.Thumbprint}, valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");

    private static TaskInputException Problem(string connectionId, string what) =>
        new($"The certificate of service connection '{connectionId}' cannot be used: {what} Edit the service connection and paste the PEM again.");
}
