namespace AkvTask.Benchmarks;

/// <summary>
/// A private copy of the task folder, so that the binary measured stays the same for the whole benchmark even when
/// the working tree's task/bin/ is rebuilt meanwhile (build/build.sh replaces it whole).
/// </summary>
internal static class TaskFolderCopy
{
    public static string Create(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(file));
            }
        }

        return destination;
    }

    /// <summary>The binary the launcher picks on this machine, if the folder has it: for the report.</summary>
    public static FileInfo? BinaryFor(string taskFolder) =>
        Directory.Exists(Path.Combine(taskFolder, "bin"))
            ? new DirectoryInfo(Path.Combine(taskFolder, "bin")).EnumerateFiles("AkvTask*", SearchOption.AllDirectories)
                .FirstOrDefault(f => f.Directory?.Name == HostRuntimeIdentifier())
            : null;

    private static string HostRuntimeIdentifier()
    {
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        if (OperatingSystem.IsWindows())
        {
            return $"win-{arch}";
        }

        if (OperatingSystem.IsMacOS())
        {
            return $"osx-{arch}";
        }

        var musl = File.Exists("/proc/self/maps") && File.ReadAllText("/proc/self/maps").Contains("musl", StringComparison.Ordinal);
        return musl ? $"linux-musl-{arch}" : $"linux-{arch}";
    }
}
