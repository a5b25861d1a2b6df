using System.Diagnostics;

namespace AkvTask.Benchmarks;

/// <summary>
/// Node's own start and stop with nothing to run (<c>node -e 0</c>), started and timed as the steps are: what any
/// Node task pays before its first line, so the task's start can be weighed against it on the same machine, same run.
/// </summary>
internal static class NodeBareStart
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    public static async Task<Spread> MeasureAsync(int runs)
    {
        var walls = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo("node", ["-e", "0"])
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Path.GetTempPath(),
            };
            start.Environment.Clear();
            foreach (var name in new[] { "PATH", "HOME", "TMPDIR" })
            {
                if (Environment.GetEnvironmentVariable(name) is { } value)
                {
                    start.Environment[name] = value;
                }
            }

            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            using var limit = new CancellationTokenSource(RunLimit);
            await process.WaitForExitAsync(limit.Token);
            walls.Add(clock.Elapsed.TotalSeconds);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node -e 0 exited with {process.ExitCode}");
            }
        }

        return Spread.Of(walls)!;
    }
}
