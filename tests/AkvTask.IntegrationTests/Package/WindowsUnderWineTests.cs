using System.Runtime.Versioning;
using System.Text;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// The win-x64 binary as it ships: built into a .vsix by build/build.sh, unpacked as the agent lays out a task, and run
/// under Wine against the fake Azure, its output read by a Windows agent's rules (lines end in CR LF). Node for Windows
/// is not here, so the binary is started with the arguments the launcher gives it, from a .cmd file that sets the
/// agent's variables: Wine drops environment variables whose names contain '-', as the connection's do.
/// build/test.sh installs Wine (Debian's wine64).
/// </summary>
[TestFixture]
[SupportedOSPlatform("linux")]
public sealed class WindowsUnderWineTests : ForeignBinaryContractTests
{
    private const string Rid = "win-x64";
    private const string Publisher = "akvtask-wine-test";
    private const string Wine = "wine";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private DirectoryInfo _work = null!;
    private string _binary = null!;
    private string _prefix = null!;
    private int _runs;

    [OneTimeSetUp]
    public async Task BuildAndUnpackTheWindowsPackage()
    {
        if (RepositoryLayout.RuntimeIdentifier != "linux-x64")
        {
            Assert.Ignore($"the win-x64 binary is run under Wine on linux-x64 machines, not on {RepositoryLayout.RuntimeIdentifier}");
        }

        if (!File.Exists($"/usr/bin/{Wine}"))
        {
            Assert.Fail($"{Wine} is missing: build/test.sh installs it (Debian package wine64).");
        }

        var package = await UnpackedPackage.BuildAsync([Rid], Publisher, "akvtask-wine-");
        _work = package.Work;
        var version = package.Version;
        var taskFolder = package.TaskFolder;
        File.Delete(package.Vsix);
        _binary = Path.Combine(taskFolder, "bin", Rid, "AkvTask.exe");

        // Wine's own configuration, kept between test runs: making it takes 15 s or more the first time.
        _prefix = Path.Combine(RepositoryLayout.Root, "obj", "wine");
        Directory.CreateDirectory(_prefix);
        var started = await RunUnderWine(new Dictionary<string, string>(), "--version");
        started.StandardOutput.Trim().Should().Be(version, started.ToString());
    }

    [OneTimeTearDown]
    public void RemoveTheUnpackedPackage() => _work?.Delete(recursive: true);

    /// <summary>
    /// The Windows way of making the private folder and its files (an access list for the current user, not inherited,
    /// given at creation) runs, the bytes arrive, and the post-job stage removes them. Wine does not enforce access lists,
    /// so this proves the path works, not who may read the files.
    /// </summary>
    [Test]
    public async Task Secret_files_are_written_with_their_access_list_and_removed_by_the_post_job_stage()
    {
        var value = "apiVersion: v1\r\nkind: Config\r\nname: ключ ✓\r\n";
        Vault.SetSecret("kubeconfig", value);
        var agent = Agent("!*").Input("SecretFiles", "kube-config=kubeconfig");

        var run = await RunTask(agent);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded", run.ToString());
        var path = run.Log.Variables["kube-config.path"];
        path.IsSecret.Should().BeFalse();
        path.Value.Should().StartWith("Z:\\").And.EndWith("\\kube-config");
        File.ReadAllBytes(LinuxPath(path.Value)).Should().Equal(Encoding.UTF8.GetBytes(value));
        var folder = run.Log.Commands.Single(c => c.Event == "settaskvariable");

        var postJob = await RunUnderWine(
            agent.Set("VSTS_TASKVARIABLE_" + folder.Property("variable"), folder.Data).ToDictionary(), "run", "--stage", "postjob");

        postJob.ExitCode.Should().Be(0, postJob.ToString());
        AgentLog.Parse(postJob.StandardOutput, agentNewLine: "\r\n").Result.Should().Be("Succeeded", postJob.ToString());
        Directory.Exists(LinuxPath(folder.Data)).Should().BeFalse();
    }

    /// <summary>A Windows agent's lines end in CR LF.</summary>
    protected override string MultiLine(string value) => value.ReplaceLineEndings("\r\n");

    /// <summary>The main stage, as the launcher starts it, read as a Windows agent reads it (lines end in CR LF).</summary>
    protected override async Task<TaskRun> RunTask(AgentVariables agent)
    {
        var variables = agent.ToDictionary();
        var run = await RunUnderWine(variables, "run", "--stage", "job");
        var jobSetting = AgentVariables.JobMultilineSwitch(variables);
        return run with { Log = AgentLog.Parse(run.StandardOutput + "\n" + run.StandardError, agentNewLine: "\r\n", jobMultilineSetting: jobSetting) };
    }

    private async Task<TaskRun> RunUnderWine(IReadOnlyDictionary<string, string> variables, params string[] arguments)
    {
        var script = new StringBuilder("@echo off\r\n");
        foreach (var (name, value) in variables)
        {
            script.Append($"set \"{name}={WindowsValue(value).Replace("%", "%%")}\"\r\n");
        }

        // Wine 8 cannot reserve placeholder memory, which the runtime uses to map a ReadyToRun image inside a
        // single-file bundle; this runtime setting makes it copy the image instead. Windows itself maps it.
        script.Append("set \"DOTNET_PELoader_DisableMapping=1\"\r\n");
        script.Append($"\"{WindowsPath(_binary)}\" {string.Join(' ', arguments)}\r\nexit %ERRORLEVEL%\r\n");
        var file = Path.Combine(_work.FullName, $"run-{Interlocked.Increment(ref _runs)}.cmd");
        await File.WriteAllTextAsync(file, script.ToString(), Encoding.ASCII);

        var wine = new Dictionary<string, string>
        {
            ["WINEPREFIX"] = _prefix,
            ["WINEDEBUG"] = "-all",
            ["WINEDLLOVERRIDES"] = "mscoree,mshtml=d", // no Wine Mono or Gecko: the prefix is made offline
        };
        return await TaskLauncher.RunProgramAsync(Wine, ["cmd", "/c", WindowsPath(file)], wine, RunLimit);
    }

    private static string WindowsValue(string value) =>
        value.StartsWith('/') && (File.Exists(value) || Directory.Exists(value)) ? WindowsPath(value) : value;

    private static string WindowsPath(string path) => "Z:" + path.Replace('/', '\\');

    private static string LinuxPath(string path) => path[2..].Replace('\\', '/');
}
