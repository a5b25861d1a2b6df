using System.Runtime.InteropServices;

namespace AkvTask.Network;

/// <summary>
/// Where OpenSSL, and so .NET on Linux, reads the system's trusted certificates: SSL_CERT_FILE and SSL_CERT_DIR when
/// set, else the paths compiled into libcrypto (on Debian and Ubuntu /usr/lib/ssl/cert.pem and /usr/lib/ssl/certs).
/// </summary>
/// <param name="File">The CA bundle.</param>
/// <param name="Directory">The certificate folder (one or more, separated by ':').</param>
internal sealed record OpenSslCertificatePaths(string? File, string? Directory)
{
    public const string FileVariable = "SSL_CERT_FILE";
    public const string DirectoryVariable = "SSL_CERT_DIR";

    // The libcrypto versions .NET looks for, newest first.
    private static readonly string[] LibCryptoNames = ["libcrypto.so.3", "libcrypto.so.1.1"];

    /// <summary>The paths .NET will read, or null when they cannot be known for sure.</summary>
    public static OpenSslCertificatePaths? OfThisProcess()
    {
        var file = Environment.GetEnvironmentVariable(FileVariable);
        var directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (file is not null && directory is not null)
        {
            return new OpenSslCertificatePaths(file, directory);
        }

        // .NET may be told to load another libcrypto than the first one found; then its defaults are not known here.
        if (Environment.GetEnvironmentVariable("DOTNET_OPENSSL_VERSION_OVERRIDE") is not null
            || Environment.GetEnvironmentVariable("CLR_OPENSSL_VERSION_OVERRIDE") is not null)
        {
            return null;
        }

        return CompiledIn() is var (defaultFile, defaultDirectory)
            ? new OpenSslCertificatePaths(file ?? defaultFile, directory ?? defaultDirectory)
            : null;
    }

    private static unsafe (string? File, string? Directory)? CompiledIn()
    {
        foreach (var name in LibCryptoNames)
        {
            if (!NativeLibrary.TryLoad(name, out var library))
            {
                continue;
            }

            if (!NativeLibrary.TryGetExport(library, "X509_get_default_cert_file", out var fileExport)
                || !NativeLibrary.TryGetExport(library, "X509_get_default_cert_dir", out var directoryExport))
            {
                return null;
            }

            var file = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)fileExport)());
            var directory = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint>)directoryExport)());
            return (file, directory);
        }

        return null;
    }
}
