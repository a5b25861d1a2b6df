using System.Runtime.InteropServices;

namespace AkvTask.TestSupport;

/// <summary>Where the task folder and its built binary are, found from the test assembly upwards.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string TaskFolder => Path.Combine(Root, "task");

    public static string RuntimeIdentifier => RuntimeInformation.RuntimeIdentifier switch
    {
        var rid when rid.StartsWith("linux-musl", StringComparison.Ordinal) => "linux-musl-x64",
        var rid => rid,
    };

    public static string BinaryPath =>
        Path.Combine(TaskFolder, "bin", RuntimeIdentifier, OperatingSystem.IsWindows() ? "AkvTask.exe" : "AkvTask");

    /// <summary>Fails the test with the command that builds the binary, rather than with a puzzling launcher error.</summary>
    public static void RequireBuiltBinary()
    {
        if (!File.Exists(BinaryPath))
        {
            throw new FileNotFoundException($"The task binary {BinaryPath} is not built. Run build/build.sh --rid {RuntimeIdentifier} (build/test.sh does it).");
        }
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AkvTask.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("AkvTask.sln not found above " + AppContext.BaseDirectory);
    }
}
