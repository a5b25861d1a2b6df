using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// Tests of the artifact, not the tree: builds the .vsix of all six platforms with build/build.sh on linux-x64 (only
/// this machine's elsewhere), so that the size limit is checked on the package as it ships (AKVTASK_PACKAGE_RIDS set
/// to a list of runtime ids, this machine's among them, builds those instead), unpacks it the way the agent lays out a downloaded task, and runs the
/// task from there through its launcher against the fake Azure. This catches a file
/// missing from the package, a lost executable bit, a wrong path in task.json and a launcher that picks the wrong binary.
/// </summary>
[TestFixture]
public sealed class PackagedTaskTests
{
    private const string Publisher = "akvtask-test";
    private const string ClientId = "0d8e5f2a-6c3b-4a1d-9e7f-2b4c6d8e0f13";
    private const string ClientSecret = "packaged~task.secret_1";
    private static readonly string[] AllRids = ["win-x64", "linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64"];
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(20);

    /// <summary>The Marketplace's limit of 50,000,000 bytes less 2,000,000 kept free (build/pack-extension.js fails above it too).</summary>
    private const long PackageLimit = 48_000_000;
    private static readonly XNamespace Vsix = "http://schemas.microsoft.com/developer/vsx-schema/2011";

    private DirectoryInfo _work = null!;
    private string _version = null!;
    private string _vsix = null!;
    private string _unzipped = null!;
    private string _taskFolder = null!;
    private IReadOnlyList<string> _rids = null!;

    [OneTimeSetUp]
    public async Task BuildAndUnpackThePackage()
    {
        _rids = PackagedRids();
        var package = await UnpackedPackage.BuildAsync(_rids, Publisher, "akvtask-package-");
        (_work, _vsix, _unzipped, _taskFolder, _version) = package;
    }

    [OneTimeTearDown]
    public void RemoveTheUnpackedPackage()
    {
        _work?.Delete(recursive: true);
    }

    [Test]
    public void The_package_carries_the_one_version_everywhere()
    {
        var identity = XDocument.Load(Path.Combine(_unzipped, "extension.vsixmanifest")).Descendants(Vsix + "Identity").Single();
        var task = JsonNode.Parse(File.ReadAllText(Path.Combine(_taskFolder, "task.json")))!;

        ((string?)identity.Attribute("Id")).Should().Be(UnpackedPackage.ExtensionId);
        ((string?)identity.Attribute("Publisher")).Should().Be(Publisher);
        ((string?)identity.Attribute("Version")).Should().Be(_version);
        $"{task["version"]!["Major"]}.{task["version"]!["Minor"]}.{task["version"]!["Patch"]}".Should().Be(_version);
        RunPackagedBinary("--version").TrimEnd('\r', '\n').Should().Be(_version);
    }

    [Test]
    public void The_package_holds_the_whole_task_folder_and_exactly_the_built_platforms()
    {
        var source = RepositoryLayout.TaskFolder;
        static IEnumerable<string> FilesOutsideBin(string folder) => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal));

        FilesOutsideBin(_taskFolder).Should().BeEquivalentTo(FilesOutsideBin(source));
        Directory.EnumerateDirectories(Path.Combine(_taskFolder, "bin")).Select(Path.GetFileName).Should().BeEquivalentTo(_rids);
        foreach (var rid in _rids)
        {
            var binary = Path.Combine(_taskFolder, "bin", rid, rid.StartsWith("win-", StringComparison.Ordinal) ? "AkvTask.exe" : "AkvTask");
            File.Exists(binary).Should().BeTrue(binary);
            new FileInfo(binary).Length.Should().BeGreaterThan(1_000_000, binary);
        }

        foreach (var file in FilesOutsideBin(source).Where(f => f != "task.json"))
        {
            File.ReadAllBytes(Path.Combine(_taskFolder, file)).Should().Equal(File.ReadAllBytes(Path.Combine(source, file)), file);
        }
    }

    [Test]
    public void The_packaged_task_json_is_the_source_one_with_the_version_stamped_and_its_handlers_are_in_the_package()
    {
        var packaged = JsonNode.Parse(File.ReadAllText(Path.Combine(_taskFolder, "task.json")))!.AsObject();
        var source = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryLayout.TaskFolder, "task.json")))!.AsObject();

        packaged.Remove("version");
        source.Remove("version");
        JsonNode.DeepEquals(packaged, source).Should().BeTrue("only the version differs from task/task.json");
        foreach (var section in new[] { "execution", "prejobexecution", "postjobexecution" })
        {
            foreach (var (handler, definition) in packaged[section]!.AsObject())
            {
                File.Exists(Path.Combine(_taskFolder, (string)definition!["target"]!)).Should().BeTrue($"{section}.{handler} runs a file of the package");
            }
        }
    }

    [Test]
    public void The_manifest_in_the_package_contributes_the_task_from_its_folder()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(_unzipped, "extension.vsomanifest")))!;
        var package = XDocument.Load(Path.Combine(_unzipped, "extension.vsixmanifest"));

        manifest["contributions"]!.AsArray().Should().ContainSingle(c => (string?)c!["type"] == "ms.vss-distributed-task.task")
            .Which!["properties"]!["name"]!.GetValue<string>().Should().Be(UnpackedPackage.TaskName);
        package.Descendants(Vsix + "InstallationTarget").Select(t => (string?)t.Attribute("Id")).Should().Equal("Microsoft.VisualStudio.Services");
        package.Descendants(Vsix + "Icon").Single().Value.Should().Be("images/extension-icon.png");
        File.Exists(Path.Combine(_unzipped, "images", "extension-icon.png")).Should().BeTrue();
        package.Descendants(Vsix + "Asset").Select(a => (string?)a.Attribute("Type"))
            .Should().Contain("Microsoft.VisualStudio.Services.Content.Details");
        new FileInfo(_vsix).Length.Should().BeLessThanOrEqualTo(PackageLimit, "the Marketplace takes packages up to 50 MB, and 2 MB stay free");
    }

    [Test]
    public async Task The_unpacked_task_reads_the_secrets_through_its_launcher()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        var expected = new Dictionary<string, string>
        {
            ["db-password"] = "p@ss;wo]rd %AZP25 ##vso[task.complete]",
            ["api-key"] = "k-0123456789",
            ["certificate"] = "-----BEGIN-----\nline two\r\nline three\n-----END-----",
        };
        foreach (var (name, value) in expected)
        {
            vault.SetSecret(name, value);
        }

        LoseExecutableBits();
        var run = await TaskLauncher.RunAsync(Agent(azure, vault, "*", runAsPreJob: false), taskFolder: _taskFolder);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded", run.ToString());
        run.Log.Refusals.Should().BeEmpty();
        foreach (var (name, value) in expected)
        {
            run.Log.Variables.Should().ContainKey(name, run.ToString());
            run.Log.Variables[name].Should().Be(new PipelineVariable(name, value, IsSecret: true, IsOutput: false));
        }

        IsExecutable(PackagedBinary()).Should().BeTrue("the launcher gives the unpacked binary its executable bit");
    }

    [Test]
    public async Task The_unpacked_task_reads_the_secrets_in_the_pre_job_stage_when_asked()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("early", "before-checkout");
        vault.SetSecret("other", "not-asked-for");
        var agent = Agent(azure, vault, "early", runAsPreJob: true);

        LoseExecutableBits();
        var preJob = await TaskLauncher.RunAsync(agent, TaskLauncher.PreJobEntry, taskFolder: _taskFolder);
        var step = await TaskLauncher.RunAsync(agent, TaskLauncher.JobEntry, taskFolder: _taskFolder);

        preJob.ExitCode.Should().Be(0, preJob.ToString());
        preJob.Log.Result.Should().Be("Succeeded", preJob.ToString());
        preJob.Log.Variables.Values.Should().Equal(new PipelineVariable("early", "before-checkout", IsSecret: true, IsOutput: false));
        step.ExitCode.Should().Be(0, step.ToString());
        step.Log.Result.Should().Be("Skipped", step.ToString());
        step.Log.Variables.Should().BeEmpty();
    }

    [Test]
    public async Task The_unpacked_task_writes_secret_files_and_its_post_job_entry_removes_them()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("deploy-key", "packaged-file-value");
        var temp = Directory.CreateDirectory(Path.Combine(_work.FullName, "agent-temp")).FullName;
        var agent = new Dictionary<string, string>(Agent(azure, vault, "!*", runAsPreJob: false))
        {
            ["INPUT_SECRETFILES"] = "deploy-key",
            ["AGENT_TEMPDIRECTORY"] = temp,
        };

        LoseExecutableBits();
        var step = await TaskLauncher.RunAsync(agent, TaskLauncher.JobEntry, taskFolder: _taskFolder);
        var path = step.Log.Variables["deploy-key.path"].Value;
        File.ReadAllText(path).Should().Be("packaged-file-value");
        var folder = step.Log.Commands.Single(c => c.Event == "settaskvariable").Data;
        agent["VSTS_TASKVARIABLE_" + step.Log.Commands.Single(c => c.Event == "settaskvariable").Property("variable")] = folder;
        var postJob = await TaskLauncher.RunAsync(agent, TaskLauncher.PostJobEntry, taskFolder: _taskFolder);

        step.Log.Result.Should().Be("Succeeded", step.ToString());
        postJob.ExitCode.Should().Be(0, postJob.ToString());
        postJob.Log.Result.Should().Be("Succeeded", postJob.ToString());
        Directory.Exists(folder).Should().BeFalse();
        Directory.GetFileSystemEntries(temp).Should().OnlyContain(entry => !Path.GetFileName(entry).StartsWith("keyvaultsecrets-files-"));
    }

    private static IReadOnlyList<string> PackagedRids()
    {
        var host = RepositoryLayout.RuntimeIdentifier;
        var asked = Environment.GetEnvironmentVariable("AKVTASK_PACKAGE_RIDS")?.Trim();
        var rids = asked switch
        {
            null or "" => host == "linux-x64" ? AllRids : [host], // the Native AOT Linux binaries build on linux-x64 only
            "all" => AllRids,
            _ => asked.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries),
        };
        if (!rids.Contains(host))
        {
            Assert.Fail($"AKVTASK_PACKAGE_RIDS must include this machine's runtime id {host}: the tests run the packaged task.");
        }

        return rids;
    }

    // build.sh (build.ps1 on Windows) with the output in a log file: the build's servers may outlive it and would
    // otherwise hold the test's pipes open.
    internal static async Task BuildAsync(IReadOnlyList<string> rids, string publisher = Publisher)
    {
        var log = Path.Combine(RepositoryLayout.Root, "out", "package-test-build.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var ridArgs = string.Join(' ', rids.Select(rid => $"--rid {rid}"));
        var start = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("pwsh", ["-NoProfile", "-Command",
                $"& build/build.ps1 -Rid {string.Join(',', rids)} -Publisher {publisher} *> '{log}'; exit $LASTEXITCODE"])
            : new ProcessStartInfo("bash", ["-c", $"build/build.sh {ridArgs} --publisher {publisher} >'{log}' 2>&1"]);
        start.WorkingDirectory = RepositoryLayout.Root;
        start.UseShellExecute = false;
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name); // what `dotnet test` set for its own build
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The build did not start.");
        using var limit = new CancellationTokenSource(BuildLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"build.sh did not finish within {BuildLimit.TotalMinutes} minutes. Its output is in {log}.");
        }

        if (process.ExitCode != 0)
        {
            var lines = File.ReadAllLines(log);
            Assert.Fail($"build.sh failed with exit code {process.ExitCode}:\n{string.Join('\n', lines.TakeLast(40))}");
        }

        TestContext.Progress.WriteLine($"PackagedTaskTests: built and packed {string.Join(' ', rids)} in {watch.Elapsed.TotalSeconds:0} s (log: {log}).");
    }

    private static FakeKeyVault NewVault(FakeAzureHost azure)
    {
        var vault = azure.AddVault("kvpkg" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5)));
        azure.Entra.AddServicePrincipal(vault.Options.TenantId, ClientId, ClientSecret);
        return vault;
    }

    private static IReadOnlyDictionary<string, string> Agent(FakeAzureHost azure, FakeKeyVault vault, string filter, bool runAsPreJob) =>
        AgentVariables.ServicePrincipal(vault.Options.TenantId, ClientId, ClientSecret)
            .Network(azure.ProxyUrl, azure.CaCertificatePath)
            .Input("KeyVaultName", vault.Name)
            .Input("SecretsFilter", filter)
            .Input("RunAsPreJob", runAsPreJob ? "true" : "false")
            .ToDictionary();

    private string PackagedBinary() =>
        Path.Combine(_taskFolder, "bin", RepositoryLayout.RuntimeIdentifier, OperatingSystem.IsWindows() ? "AkvTask.exe" : "AkvTask");

    // A copy, so that this test does not give the unpacked binary the executable bit the launcher has to restore.
    private string RunPackagedBinary(string arguments)
    {
        var copy = Path.Combine(_work.FullName, "version-check", Path.GetFileName(PackagedBinary()));
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(PackagedBinary(), copy, overwrite: true);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var process = Process.Start(new ProcessStartInfo(copy, arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit(30_000).Should().BeTrue();
        process.ExitCode.Should().Be(0);
        return output;
    }

    private void LoseExecutableBits()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(_taskFolder, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        IsExecutable(PackagedBinary()).Should().BeFalse();
    }

    private static bool IsExecutable(string file) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
}
