using System.Runtime.InteropServices;
using AkvTask.FileSystem;

namespace AkvTask.Network;

/// <summary>
/// .NET on Linux reads the CA bundle (SSL_CERT_FILE) and then every file of the certificate folder (SSL_CERT_DIR) at
/// the first TLS handshake, and keeps each certificate once. On Debian, Ubuntu and Alpine the folder holds the bundle
/// itself plus every root of it twice more (a named file and a hash link), so most of what OpenSSL parses there is parsed
/// again for nothing (docs/performance.md has the figures). This points SSL_CERT_DIR, for this process only, at a private
/// folder of links to just those files of the certificate folder that hold a certificate the bundle does not (a local
/// root added by hand, the snake-oil certificate). .NET then keeps exactly the certificates it kept before: what is left
/// out is, byte for byte, in the bundle, which it reads first. Whatever this cannot be sure of leaves the environment
/// as it was.
/// </summary>
internal sealed partial class CertificateFolderNarrowing : IDisposable
{
    public const string FolderPrefix = "keyvaultsecrets-trust-";

    // Far more than any CA bundle; a bigger file is left for .NET to read as it is.
    private const long MaxFileBytes = 16 * 1024 * 1024;

    private CertificateFolderNarrowing(string folder, string original, int kept, int files)
    {
        Folder = folder;
        OriginalFolder = original;
        KeptFiles = kept;
        Files = files;
    }

    /// <summary>The folder SSL_CERT_DIR now names.</summary>
    public string Folder { get; }

    public string OriginalFolder { get; }

    /// <summary>How many files of <see cref="OriginalFolder"/> the new folder links to, of <see cref="Files"/>.</summary>
    public int KeptFiles { get; }

    public int Files { get; }

    /// <summary>
    /// Narrows SSL_CERT_DIR with a folder in the agent's temporary folder where it can (never elsewhere: that is the one
    /// place the agent empties after the job); says which way it went.
    /// </summary>
    public static CertificateFolderNarrowing? TryApply(string? temporaryFolder, Action<string> debug)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (temporaryFolder is null || !Directory.Exists(temporaryFolder))
        {
            debug("Trust store: read as the system has it (the agent gave no temporary folder).");
            return null;
        }

        try
        {
            var narrowing = OpenSslCertificatePaths.OfThisProcess() is { } paths ? Apply(paths, temporaryFolder) : null;
            debug(narrowing is null
                ? "Trust store: read as the system has it."
                : $"Trust store: {narrowing.KeptFiles} of the {narrowing.Files} files in {narrowing.OriginalFolder} hold certificates the CA bundle does not; only those are read from there.");
            return narrowing;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            debug($"Trust store: read as the system has it ({e.Message}).");
            return null;
        }
    }

    /// <summary>Narrows SSL_CERT_DIR under <paramref name="parent"/>, or returns null and changes nothing.</summary>
    internal static CertificateFolderNarrowing? Apply(OpenSslCertificatePaths paths, string parent)
    {
        if (!OperatingSystem.IsLinux() || Plan(paths) is not { } plan)
        {
            return null;
        }

        var folder = PrivateFolder.Create(parent, FolderPrefix);
        try
        {
            foreach (var file in plan.Kept)
            {
                File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
            }

            if (SetEnvironmentVariable(OpenSslCertificatePaths.DirectoryVariable, folder, overwrite: 1) != 0)
            {
                throw new IOException("setenv failed");
            }
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }

        return new CertificateFolderNarrowing(folder, paths.Directory!, plan.Kept.Count, plan.Files);
    }

    /// <summary>The files of the certificate folder that hold a certificate the bundle does not, or null to leave all as it is.</summary>
    internal static (IReadOnlyList<string> Kept, int Files)? Plan(OpenSslCertificatePaths paths)
    {
        // One folder and one bundle, both there: anything else is left to .NET as it is.
        if (paths is not { File: { Length: > 0 } bundle, Directory: { Length: > 0 } folder }
            || folder.Contains(':', StringComparison.Ordinal)
            || !File.Exists(bundle)
            || !Directory.Exists(folder))
        {
            return null;
        }

        // One buffer for every file, grown to the largest (the bundle, read first).
        var buffer = new byte[16 * 1024];
        var inBundle = Certificates(bundle, ref buffer);
        if (inBundle is not { Count: > 0 })
        {
            return null;
        }

        var known = inBundle.ToHashSet(StringComparer.Ordinal);
        var bundleFile = FinalTarget(bundle);

        // Hash links and named files lead to the same file: each file is read once, by where its links end.
        var onlyRepeatsTheBundle = new Dictionary<string, bool>(StringComparer.Ordinal) { [bundleFile] = true };
        var kept = new List<string>();
        var files = 0;
        var anyCertificate = false;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            files++;
            var target = FinalTarget(file);
            if (!onlyRepeatsTheBundle.TryGetValue(target, out var repeats))
            {
                var certificates = Certificates(file, ref buffer);
                repeats = certificates is not null && certificates.All(known.Contains);
                anyCertificate |= certificates is not { Count: 0 };
                onlyRepeatsTheBundle[target] = repeats;
            }
            else
            {
                anyCertificate |= target == bundleFile;
            }

            if (!repeats)
            {
                kept.Add(file);
            }
        }

        // A folder with no certificate at all makes .NET fall back to /etc/ssl/certs; that case stays .NET's own.
        return anyCertificate ? (kept, files) : null;
    }

    private static string FinalTarget(string path) =>
        File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static IReadOnlyList<string>? Certificates(string file, ref byte[] buffer)
    {
        try
        {
            using var handle = File.OpenHandle(file);
            var length = RandomAccess.GetLength(handle);
            if (length > MaxFileBytes)
            {
                return null;
            }

            if (buffer.Length < length)
            {
                buffer = new byte[length];
            }

            var read = 0;
            for (int got; read < length && (got = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read)) > 0;)
            {
                read += got;
            }

            return PemCertificates.Read(buffer.AsSpan(0, read));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Removes the folder; call it once no more TLS connections are made (.NET reads the folder again after a few seconds).</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // It holds links only, in the agent's temporary folder, which the agent empties after the job.
        }
    }

    // The native environment, which OpenSSL reads; .NET's Environment.SetEnvironmentVariable changes only its own copy.
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironmentVariable(string name, string value, int overwrite);
}
