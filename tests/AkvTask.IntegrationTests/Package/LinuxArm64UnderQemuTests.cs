using System.Runtime.Versioning;
using AkvTask.IntegrationTests.Binaries;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// The linux-arm64 binary as it ships: built into a .vsix by build/build.sh, unpacked as the agent lays out a task, and
/// run under qemu-user against the fake Azure. Node cannot run as arm64 here, so the binary is started directly with the
/// environment and the arguments the launcher would give it. build/test.sh installs qemu-user and the arm64 C library.
/// </summary>
[TestFixture]
[SupportedOSPlatform("linux")]
public sealed class LinuxArm64UnderQemuTests : ForeignBinaryContractTests
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

    protected override Task<TaskRun> RunTask(AgentVariables agent) =>
        TaskLauncher.RunProgramAsync(Emulator, ["-L", "/", _binary, "run", "--stage", "job"], agent.ToDictionary(), RunLimit);
}
