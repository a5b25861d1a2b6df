using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AkvTask.Network;

/// <summary>
/// On Linux, .NET reads the whole system trust store (the CA bundle and every file of the certificate folder, several
/// hundred certificates through OpenSSL) the first time it checks a server certificate, and the first TLS handshake
/// waits for it. This reads the store on a thread of its own from the beginning of the step, where it overlaps the
/// work before the first handshake (most of all the JIT compilation of the ReadyToRun builds). The runtime keeps what
/// was read and the handshake uses it: what is trusted is decided exactly as before.
/// </summary>
internal sealed class TrustStoreWarmUp : IDisposable
{
    /// <summary>How long the end of the step waits for a reading that is still going (it takes well under a second).</summary>
    private static readonly TimeSpan FinishLimit = TimeSpan.FromSeconds(5);

    private readonly Thread? _reader;
    private readonly CertificateFolderNarrowing? _narrowing;

    private TrustStoreWarmUp(Thread? reader, CertificateFolderNarrowing? narrowing)
    {
        _reader = reader;
        _narrowing = narrowing;
    }

    /// <param name="narrowing">The narrowed certificate folder, if any: removed once the store is read and the step ends.</param>
    public static TrustStoreWarmUp Start(CertificateFolderNarrowing? narrowing)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new TrustStoreWarmUp(null, narrowing);
        }

        var reader = new Thread(ReadMachineRoots) { IsBackground = true, Name = "trust store warm-up" };
        reader.Start();
        return new TrustStoreWarmUp(reader, narrowing);
    }

    /// <summary>
    /// Waits for the reading to end, so that a step that fails before its first request never exits while that thread
    /// is inside OpenSSL (whose clean-up at exit would pull the ground from under it), then removes the narrowed folder.
    /// </summary>
    public void Dispose()
    {
        _reader?.Join(FinishLimit);
        _narrowing?.Dispose();
    }

    private static void ReadMachineRoots()
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
            // The handshake reads the store again and reports what is wrong with it there.
        }
    }
}
