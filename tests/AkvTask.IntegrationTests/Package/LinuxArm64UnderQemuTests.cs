using System.Runtime.Versioning;
using AkvTask.IntegrationTests.Agent;
using AkvTask.IntegrationTests.Binaries;
using AkvTask.IntegrationTests.EndToEnd;
using AkvTask.IntegrationTests.FakeAzure;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// The linux-arm64 binary as it ships: built into a .vsix by build/build.sh, unpacked as the agent lays out a task, and
/// run under qemu-user against the fake Azure. Node cannot run as arm64 here, so the binary is started directly with the
/// environment and the arguments the launcher would give it. build/test.sh installs qemu-user and the arm64 C library.
/// </summary>
[TestFixture]
[SupportedOSPlatform("linux")]
public sealed class LinuxArm64UnderQemuTests : EndToEndTest
{
    private const string Rid = "linux-arm64";
    private const string Publisher = "akvtask-arm64-test";
    private const string Emulator = "qemu-aarch64";
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(3);

    private DirectoryInfo _work = null!;
    private string _binary = null!;

    [OneTimeSetUp]
    public async Task BuildAndUnpackTheArm64Package()
    {
        if (RepositoryLayout.RuntimeIdentifier != "linux-x64")
        {
            Assert.Ignore($"the linux-arm64 binary is built and emulated on linux-x64 machines, not on {RepositoryLayout.RuntimeIdentifier}");
        }

        if (!File.Exists($"/usr/bin/{Emulator}"))
        {
            Assert.Fail($"{Emulator} is missing: build/test.sh installs it (Debian packages qemu-user, libc6:arm64, libssl3:arm64).");
        }

        var package = await UnpackedPackage.BuildAsync([Rid], Publisher, "akvtask-arm64-");
        _work = package.Work;
        var version = package.Version;
        var taskFolder = package.TaskFolder;
        File.Delete(package.Vsix);

        // What the launcher does before it starts the binary: a .vsix keeps no Unix permissions.
        _binary = Path.Combine(taskFolder, "bin", Rid, "AkvTask");
        File.SetUnixFileMode(_binary, (UnixFileMode)0b111_101_101);
    }

    [OneTimeTearDown]
    public void RemoveTheUnpackedPackage() => _work?.Delete(recursive: true);

    [Test]
    public void The_packaged_binary_needs_no_newer_glibc_than_the_floor()
    {
        GlibcRequirement.ShouldBeWithinTheFloor(_binary);
    }

    [Test]
    public async Task Hostile_values_arrive_byte_for_byte_and_masked()
    {
        foreach (var (name, value) in HostileValuesTests.Values)
        {
            Vault.SetSecret(name, value);
        }

        var run = await RunEmulated(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded", run.ToString());
        run.Log.Refusals.Should().BeEmpty();
        foreach (var (name, value) in HostileValuesTests.Values)
        {
            run.Log.Variables[name].Should().Be(new PipelineVariable(name, value, IsSecret: true, IsOutput: false), $"secret {name} arrives byte for byte");
        }

        run.Log.Variables.Should().NotContainKey("PATH", "a value can never smuggle in a command");
        run.Log.Errors.Should().BeEmpty();
        AssertNothingSecretInTheClear(run, HostileValuesTests.Values.Values, ClientSecret);
    }

    [Test]
    public async Task A_multi_line_secret_is_set_with_the_switch_on_for_its_command_only()
    {
        var pem = HostileValuesTests.TestPem();
        Vault.SetSecret("pem", pem);

        var run = await RunEmulated(Agent("pem").JobVariable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "false"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Refusals.Should().BeEmpty();
        run.Log.Variables["pem"].Value.Should().Be(pem);
        run.Log.SetWhileMultilineAllowed.Should().Equal("pem");
        run.Log.FinalMultilineSwitch.Should().Be("false", "the job's own setting is put back");
        AssertNothingSecretInTheClear(run, [pem], ClientSecret);
    }

    [Test]
    public async Task A_failure_fails_the_step_and_says_why()
    {
        Vault.SetSecret("present", "readable-value");
        Vault.SetSecret("denied", "never-read");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.Get, "denied");

        var run = await RunEmulated(Agent("present, denied"));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Log.Result.Should().Be("Failed", run.ToString());
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'denied'").And.Contain("Key Vault Secrets User").And.Contain($"appid={ClientId}");
        run.Log.Variables.Keys.Should().Equal("present");
        run.Log.Variables["present"].Value.Should().Be("readable-value");
        AssertNothingSecretInTheClear(run, ["readable-value"], ClientSecret);
    }

    private Task<TaskRun> RunEmulated(AgentVariables agent) =>
        TaskLauncher.RunProgramAsync(Emulator, ["-L", "/", _binary, "run", "--stage", "job"], agent.ToDictionary(), RunLimit);
}
