using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>The agent cancels a step by signalling node; the launcher passes it on and the program stops promptly.</summary>
public class CancellationTests : EndToEndTest
{
    [TestCase("INT")]
    [TestCase("TERM")]
    public async Task A_cancelled_step_stops_promptly_and_says_so(string signal)
    {
        Vault.SetSecret("slow", "s");
        var requested = new TaskCompletionSource();
        using var _ = Vault.Faults.Add(info =>
        {
            if (info.SecretName != "slow")
            {
                return null;
            }

            requested.TrySetResult();
            return FaultAction.Delay(TimeSpan.FromSeconds(30));
        });

        var run = await TaskLauncher.RunAsync(
            Agent("slow").ToDictionary(),
            timeout: TimeSpan.FromSeconds(20),
            whileRunning: async running =>
            {
                // The answer would take 30 s: finishing within the 20 s limit proves the signal stopped the wait.
                await requested.Task;
                using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, running.Process.Id.ToString()]);
                await kill.WaitForExitAsync();
            });

        run.ExitCode.Should().NotBe(0);
        run.Log.Result.Should().Be("Failed");
        run.Log.ResultMessage.Should().Contain("cancelled");
        run.Log.Variables.Should().BeEmpty();
    }

    [Test]
    public async Task Closing_the_programs_input_stops_it_as_a_signal_does_on_every_OS()
    {
        Vault.SetSecret("slow", "s");
        var requested = new TaskCompletionSource();
        using var _ = Vault.Faults.Add(info =>
        {
            if (info.SecretName != "slow")
            {
                return null;
            }

            requested.TrySetResult();
            return FaultAction.Delay(TimeSpan.FromSeconds(30));
        });

        RepositoryLayout.RequireBuiltBinary();
        var start = new System.Diagnostics.ProcessStartInfo(
            RepositoryLayout.BinaryPath, ["run", "--stage", "job", "--stop-when-input-closes"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        foreach (var (name, value) in Agent("slow").ToDictionary())
        {
            start.Environment[name] = value;
        }

        using var program = System.Diagnostics.Process.Start(start)!;
        var stdout = program.StandardOutput.ReadToEndAsync();
        var stderr = program.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await requested.Task.WaitAsync(limit.Token);
        program.StandardInput.Close();
        // The answer would take 30 s: finishing within the 20 s limit proves closing the input stopped the wait.
        await program.WaitForExitAsync(limit.Token);

        var log = AgentLog.Parse(await stdout + "\n" + await stderr);
        program.ExitCode.Should().Be(1);
        log.Result.Should().Be("Failed");
        log.ResultMessage.Should().Be("The task was cancelled.");
        log.Variables.Should().BeEmpty();
    }

    [Test]
    public async Task The_launcher_asks_the_program_to_stop_by_closing_its_input()
    {
        // A stand-in program that ignores signals, as a Windows program must do without them, and stops when its input ends.
        var folder = Directory.CreateTempSubdirectory("akvtask-launcher-");
        try
        {
            foreach (var file in new[] { "launcher.js", "run.js" })
            {
                File.Copy(Path.Combine(RepositoryLayout.TaskFolder, file), Path.Combine(folder.FullName, file));
            }

            var bin = Directory.CreateDirectory(Path.Combine(folder.FullName, "bin", RepositoryLayout.RuntimeIdentifier));
            File.WriteAllText(Path.Combine(bin.FullName, "AkvTask"), """
                #!/bin/sh
                trap '' INT TERM
                echo "started with: $*"
                cat > /dev/null
                echo "##vso[task.complete result=Failed]stopped because the input closed"
                exit 7
                """.ReplaceLineEndings("\n") + "\n");

            var run = await TaskLauncher.RunAsync(
                new Dictionary<string, string>(),
                timeout: TimeSpan.FromSeconds(20),
                taskFolder: folder.FullName,
                whileRunning: async running =>
                {
                    (await running.WaitForOutputAsync("started with:", TimeSpan.FromSeconds(15))).Should().BeTrue(running.OutputSoFar);
                    using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", running.Process.Id.ToString()]);
                    await kill.WaitForExitAsync();
                });

            run.StandardOutput.Should().Contain("started with: run --stage job --stop-when-input-closes");
            run.Log.ResultMessage.Should().Be("stopped because the input closed");
            run.ExitCode.Should().Be(7, "node ends with the program's exit code");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
