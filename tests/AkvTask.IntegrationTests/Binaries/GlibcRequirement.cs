using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AkvTask.IntegrationTests.Binaries;

/// <summary>
/// The newest glibc a Linux binary asks for: the highest GLIBC_x.y in its ELF version needs, as readelf lists them.
/// A binary that asks for a newer glibc than an agent machine has does not start there at all.
/// </summary>
public static partial class GlibcRequirement
{
    /// <summary>The oldest glibc the Linux builds promise to start on: RHEL 8, Debian 10, Ubuntu 18.04.</summary>
    public static readonly Version Floor = new(2, 28);

    public static IReadOnlyList<Version> Read(string binary)
    {
        var start = new ProcessStartInfo("readelf", ["--version-info", "--wide", binary])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("readelf did not start (binutils is needed)");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            Assert.Fail($"readelf did not finish within a minute on {binary}");
        }

        process.ExitCode.Should().Be(0, $"readelf reads {binary}: {errors.Result}");
        var needs = output.Result.Split("Version needs section", 2);
        needs.Should().HaveCount(2, $"{binary} is a dynamically linked ELF binary with version needs");
        return GlibcVersion().Matches(needs[1]).Select(match => Version.Parse(match.Groups[1].Value)).Distinct().Order().ToList();
    }

    /// <summary>Fails unless the binary asks for glibc versions, none of them newer than <see cref="Floor"/>.</summary>
    public static void ShouldBeWithinTheFloor(string binary)
    {
        var versions = Read(binary);

        versions.Should().NotBeEmpty($"{binary} links against glibc, so it names the glibc versions it needs");
        versions.Max().Should().BeLessThanOrEqualTo(Floor,
            $"{binary} must start on glibc {Floor} (it needs {string.Join(", ", versions)}): build it with build/build.sh, which links with build/zig/zig-cc");
    }

    [GeneratedRegex(@"Name: GLIBC_(\d+\.\d+(?:\.\d+)?)\b")]
    private static partial Regex GlibcVersion();
}
