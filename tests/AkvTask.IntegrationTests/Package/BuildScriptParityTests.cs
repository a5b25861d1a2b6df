using System.Diagnostics;
using AkvTask.TestSupport;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// build/build.ps1 (for Windows and any PowerShell) must build what build/build.sh builds. Both publish this machine's
/// platform from scratch (their intermediate folder removed first), and the files they leave in task/bin/&lt;rid&gt;/
/// must have the same names and the same bytes: the build is deterministic, so any difference is a different
/// technology or setting. PowerShell is the .NET tool pinned in .config/dotnet-tools.json (build/test.sh restores it).
/// </summary>
[TestFixture]
public sealed class BuildScriptParityTests
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(10);

    [Test]
    public async Task Build_ps1_under_PowerShell_produces_the_files_build_sh_produces()
    {
        var rid = RepositoryLayout.RuntimeIdentifier;
        var output = Path.Combine(RepositoryLayout.TaskFolder, "bin", rid);
        var intermediate = Path.Combine(RepositoryLayout.Root, "obj", "build", rid);

        DeleteFolder(intermediate);
        await RunAsync("build-sh", "bash", "build/build.sh", "--rid", rid, "--no-pack");
        var fromShell = Snapshot(output);

        DeleteFolder(intermediate);
        await RunAsync("build-ps1", "dotnet", "pwsh", "-NoProfile", "-NonInteractive", "-File", "build/build.ps1", "-Rid", rid, "-NoPack");
        var fromPowerShell = Snapshot(output);

        fromShell.Should().NotBeEmpty();
        fromPowerShell.Keys.Should().BeEquivalentTo(fromShell.Keys, "both scripts publish the same files for {0}", rid);
        foreach (var (name, bytes) in fromShell)
        {
            fromPowerShell[name].Should().Equal(bytes, $"{name} is built the same way by both scripts");
        }
    }

    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The output goes to a log file: the build's servers may outlive the script and would hold the test's pipes open.
    private static async Task RunAsync(string name, string program, params string[] arguments)
    {
        var log = Path.Combine(RepositoryLayout.Root, "out", $"parity-{name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("bash", ["-c", $"{program} {string.Join(' ', arguments)} >'{log}' 2>&1"])
        {
            WorkingDirectory = RepositoryLayout.Root,
            UseShellExecute = false,
        };
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(variable); // what `dotnet test` set for its own build
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var limit = new CancellationTokenSource(BuildLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {BuildLimit.TotalMinutes} minutes. Its output is in {log}.");
        }

        process.ExitCode.Should().Be(0, $"{program} {string.Join(' ', arguments)} failed:\n{string.Join('\n', File.ReadLines(log).TakeLast(40))}");
    }
}
