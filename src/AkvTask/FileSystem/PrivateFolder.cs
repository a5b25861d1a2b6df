using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace AkvTask.FileSystem;

/// <summary>
/// A folder and files only the agent's user can read, created that way from the first instant: mode 0700 and 0600 on
/// Linux and macOS (the umask can only narrow them); on Windows an access list granting the current user alone full
/// control, not inheriting from the temp folder above.
/// </summary>
internal static class PrivateFolder
{
    /// <summary>The name prefix of the secret files' folder, which the post-job stage looks for.</summary>
    public const string NamePrefix = "keyvaultsecrets-files-";

    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates a new folder with an unguessable name under <paramref name="parent"/>; fails rather than reuse one.</summary>
    public static string Create(string parent, string namePrefix)
    {
        var path = Path.Combine(Path.GetFullPath(parent), namePrefix + Guid.NewGuid().ToString("N"));
        if (Path.Exists(path))
        {
            throw new IOException($"The folder {path} already exists.");
        }

        if (OperatingSystem.IsWindows())
        {
            new DirectoryInfo(path).Create(OwnerOnlyFolder());
        }
        else
        {
            Directory.CreateDirectory(path, FolderMode);
        }

        return path;
    }

    /// <summary>Writes a new file (never an existing one) that only the current user can read.</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        using var stream = OperatingSystem.IsWindows()
            ? new FileInfo(path).Create(System.IO.FileMode.CreateNew, FileSystemRights.Write | FileSystemRights.ReadData, FileShare.None, 4096, FileOptions.None, OwnerOnlyFile())
            : new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = FileMode,
            });
        stream.Write(content);
        stream.Flush(flushToDisk: false);
    }

    [SupportedOSPlatform("windows")]
    private static DirectorySecurity OwnerOnlyFolder()
    {
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(
            CurrentUser(),
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        return security;
    }

    [SupportedOSPlatform("windows")]
    private static FileSecurity OwnerOnlyFile()
    {
        var security = new FileSecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(CurrentUser(), FileSystemRights.FullControl, AccessControlType.Allow));
        return security;
    }

    [SupportedOSPlatform("windows")]
    private static SecurityIdentifier CurrentUser()
    {
        using var identity = WindowsIdentity.GetCurrent();
        return identity.User ?? throw new InvalidOperationException("The current Windows user has no security identifier.");
    }
}
