using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AkvTask.Benchmarks;

/// <summary>What the figures were taken on: they mean little without it.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = ReadFirst("/proc/meminfo", "MemTotal")?.Split(':', 2)[1].Trim() is { } total && long.TryParse(total.Split(' ')[0], out var kib)
            ? $"{kib / 1024.0 / 1024.0:0.#} GiB"
            : "? GiB";
        var os = ReadFirst("/etc/os-release", "PRETTY_NAME=")?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        return $"{Environment.ProcessorCount} cores ({cpu}), {memory} memory, {os}, kernel {Environment.OSVersion.Version}, "
            + $"node {NodeVersion()}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>The 1, 5 and 15 minute load averages: above the core count, something else competes for the CPU.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string? ReadFirst(string path, string prefix)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true, UseShellExecute = false });
            if (node is null)
            {
                return "?";
            }

            var version = node.StandardOutput.ReadToEnd().Trim();
            return node.WaitForExit(TimeSpan.FromSeconds(10)) ? version : "?";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "(not found)";
        }
    }
}
