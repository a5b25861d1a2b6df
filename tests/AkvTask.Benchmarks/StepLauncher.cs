using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AkvTask.Benchmarks;

/// <summary>
/// Starts the built task the way the agent's Node handler does (<c>node task/run.js</c>, an environment made only of
/// what the agent gives), times it, and measures the peak memory of the task's process.
/// </summary>
/// <param name="taskFolder">The task folder as it ships (run.js, launcher.js, bin/&lt;rid&gt;/).</param>
/// <param name="wrapper">A command (and its arguments) to start node under, for profiling; empty for none.</param>
internal sealed class StepLauncher(string taskFolder, IReadOnlyList<string> wrapper)
{
    private const string TimeTool = "/usr/bin/time";

    /// <summary>The name of the task's process (its executable's name, as /proc/PID/comm shows it).</summary>
    public const string TaskProcessName = "AkvTask";

    public string Folder => taskFolder;

    public string EntryScript => Path.Combine(taskFolder, "run.js");

    /// <summary>The task folder's name, to tell builds apart when they are compared.</summary>
    public string Label => Path.GetFileName(taskFolder.TrimEnd(Path.DirectorySeparatorChar));

    public static bool CanMeasureTreePeak => File.Exists(TimeTool);

    public async Task<StepRun> RunAsync(IReadOnlyDictionary<string, string> agentVariables, TimeSpan limit)
    {
        var peakFile = Path.Combine(Path.GetTempPath(), $"akv-bench-peak-{Environment.ProcessId}.txt");
        File.Delete(peakFile);

        // /usr/bin/time adds one fork and exec (well under a millisecond) and reports the kernel's own peak for the step.
        string[] command = [.. wrapper, "node", EntryScript];
        var start = CanMeasureTreePeak
            ? new ProcessStartInfo(TimeTool, ["-f", "%M %U %S", "-o", peakFile, .. command])
            : new ProcessStartInfo(command[0], command[1..]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.WorkingDirectory = Path.GetTempPath();
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "TEMP", "TMP" })
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var (name, value) in agentVariables)
        {
            start.Environment[name] = value;
        }

        var launchedAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        using var probe = new PeakMemoryProbe(process.Id, TaskProcessName, limit);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();

        var timedOut = false;
        using (var timeout = new CancellationTokenSource(limit))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        var wall = clock.Elapsed;
        probe.Finish();
        var output = await stdout;
        var errors = await stderr;

        // The last line of /usr/bin/time's report: peak KiB, user seconds, system seconds (of node and the task together).
        long? treePeak = null;
        TimeSpan? cpu = null;
        if (CanMeasureTreePeak && File.Exists(peakFile)
            && File.ReadAllText(peakFile).Trim().Split('\n')[^1].Split(' ') is [var kib, var user, var system]
            && long.TryParse(kib, NumberStyles.None, CultureInfo.InvariantCulture, out var peak)
            && double.TryParse(user, NumberStyles.Float, CultureInfo.InvariantCulture, out var userSeconds)
            && double.TryParse(system, NumberStyles.Float, CultureInfo.InvariantCulture, out var systemSeconds))
        {
            treePeak = peak;
            cpu = TimeSpan.FromSeconds(userSeconds + systemSeconds);
        }

        File.Delete(peakFile);
        return new StepRun(process.ExitCode, output, errors, launchedAt, wall, probe.PeakKiB, treePeak, cpu, timedOut);
    }
}
