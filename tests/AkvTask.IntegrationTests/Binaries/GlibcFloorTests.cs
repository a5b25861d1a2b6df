using AkvTask.TestSupport;

namespace AkvTask.IntegrationTests.Binaries;

/// <summary>The glibc Linux binary built on this machine starts on glibc 2.28, whatever glibc built it.</summary>
[TestFixture]
public sealed class GlibcFloorTests
{
    [Test]
    public void This_machines_binary_needs_no_newer_glibc_than_the_floor()
    {
        if (RepositoryLayout.RuntimeIdentifier is not ("linux-x64" or "linux-arm64"))
        {
            Assert.Ignore($"{RepositoryLayout.RuntimeIdentifier} is not a glibc Linux build; the linux-arm64 package test checks that one.");
        }

        RepositoryLayout.RequireBuiltBinary();

        GlibcRequirement.ShouldBeWithinTheFloor(RepositoryLayout.BinaryPath);
    }

    [Test]
    public void A_binary_linked_against_this_machines_glibc_would_be_caught_where_that_glibc_is_newer()
    {
        // readelf lists the version needs of the system's own programs too: on a machine with glibc 2.34 or later
        // (every program there needs __libc_start_main@GLIBC_2.34) the check must fail them, or it checks nothing.
        var shell = "/bin/sh";
        var versions = GlibcRequirement.Read(shell);
        if (versions.Max() <= GlibcRequirement.Floor)
        {
            Assert.Ignore($"this machine's glibc is not newer than {GlibcRequirement.Floor}");
        }

        var check = () => GlibcRequirement.ShouldBeWithinTheFloor(shell);

        check.Should().Throw<Exception>().WithMessage($"*{shell} must start on glibc 2.28*");
    }
}
