using System.Diagnostics;
using System.Text;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.TaskRunning;

/// <summary>
/// Starts the task the way the agent's Node handler does: <c>node task/run.js</c> (or runprejob.js) in a
/// clean environment made only of what the agent would give, with a hard time limit.
/// </summary>
public static class TaskLauncher
{
    public const string JobEntry = "run.js";
    public const string PreJobEntry = "runprejob.js";
    public const string PostJobEntry = "runpostjob.js";

    /// <param name="taskFolder">The task folder to run from; by default the source tree's <c>task/</c> with its built binary.</param>
    public static async Task<TaskRun> RunAsync(
        IReadOnlyDictionary<string, string> agentVariables,
        string entry = JobEntry,
        TimeSpan? timeout = null,
        string? workingDirectory = null,
        string? taskFolder = null,
        Func<RunningTask, Task>? whileRunning = null)
    {
        if (taskFolder is null)
        {
            RepositoryLayout.RequireBuiltBinary();
        }

        return await RunProcessAsync("node", [Path.Combine(taskFolder ?? RepositoryLayout.TaskFolder, entry)], agentVariables, timeout, workingDirectory, whileRunning);
    }

    /// <summary>
    /// Starts a program in place of node and the launcher, with the same clean environment: for a binary node cannot
    /// start on this machine, run under an emulator with the arguments the launcher would give it (<c>run --stage job</c>).
    /// </summary>
    public static Task<TaskRun> RunProgramAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> agentVariables,
        TimeSpan timeout) =>
        RunProcessAsync(program, arguments, agentVariables, timeout, workingDirectory: null, whileRunning: null);

    private static async Task<TaskRun> RunProcessAsync(
        string program,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> agentVariables,
        TimeSpan? timeout,
        string? workingDirectory,
        Func<RunningTask, Task>? whileRunning)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };

        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "TMPDIR", "SystemRoot", "TEMP", "TMP" })
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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var seen = new StringBuilder();
        var stdout = CollectAsync(process.StandardOutput, seen);
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(new RunningTask(process, () =>
                {
                    lock (seen)
                    {
                        return seen.ToString();
                    }
                })).WaitAsync(limit.Token);
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The task did not finish within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s.\n{await stdout}\n{await stderr}");
        }

        var output = await stdout;
        var errors = await stderr;
        var jobSetting = AgentVariables.JobMultilineSwitch(agentVariables);
        // The agent runs commands from stderr too; it comes last here, as the order across streams is not kept.
        return new TaskRun(process.ExitCode, output, errors, AgentLog.Parse(output + "\n" + errors, jobMultilineSetting: jobSetting));
    }

    /// <summary>Reads a stream to its end, keeping what has come so far where a test can look while the task runs.</summary>
    private static async Task<string> CollectAsync(StreamReader reader, StringBuilder seen)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (seen)
            {
                seen.Append(buffer, 0, read);
            }
        }

        lock (seen)
        {
            return seen.ToString();
        }
    }
}
