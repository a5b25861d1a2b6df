using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>The run summary, expiry warnings and the shape of the log.</summary>
public class WhatTheUserSeesTests : EndToEndTest
{
    [Test]
    public async Task The_run_summary_lists_what_was_set_skipped_and_failed_without_a_value()
    {
        var version = Vault.SetSecret("db-password", "summary-secret-value-1", contentType: "text/plain | pipe", expires: DateTimeOffset.UtcNow.AddDays(200));
        Vault.SetSecret("api-key", "summary-secret-value-2");
        Vault.SetSecret("off", "summary-secret-value-3", enabled: false);

        var run = await Run(Agent("db-*, api-key, missing-one, !nothing"));
        var summaryPath = run.Log.Commands.Single(c => c.Event == "uploadsummary").Data;
        var summary = await File.ReadAllTextAsync(summaryPath);

        summary.Should().Contain(Vault.Host).And.Contain(AgentVariables.ConnectionId).And.Contain("ServicePrincipal");
        summary.Should().Contain("| db-password | `$(db-password)`, `$(db_password)` | " + version);
        summary.Should().Contain("text/plain \\| pipe", "text from the vault cannot break the table");
        summary.Should().Contain("api-key").And.Contain("missing-one").And.Contain("no secret of that name");
        summary.Should().NotContain("summary-secret-value");
        Path.GetFileName(summaryPath).Should().Be($"Key Vault secrets - {Vault.Name}.md");
    }

    [Test]
    public async Task A_summary_that_cannot_be_written_is_a_warning_not_a_failed_step()
    {
        Vault.SetSecret("s", "v");

        // A folder that exists but where nothing can be created, even by root.
        var run = await Run(Agent("s").Set("AGENT_TEMPDIRECTORY", "/proc"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded");
        run.Log.Variables["s"].Value.Should().Be("v");
        run.Log.Warnings.Should().ContainSingle().Which.Should().Contain("run summary could not be written");
        run.Log.Commands.Should().NotContain(c => c.Event == "uploadsummary");
    }

    [Test]
    public async Task Without_the_agents_temporary_folder_no_file_is_left_in_the_systems()
    {
        Vault.SetSecret("s", "v");
        var systemTemp = Directory.CreateDirectory(Path.Combine(TestTemp(), "system-temp"));
        var missing = Path.Combine(TestTemp(), "no-such-folder");
        if (Directory.Exists(missing))
        {
            Directory.Delete(missing, recursive: true); // left by an earlier run that failed
        }

        var run = await Run(Agent("s").Set("AGENT_TEMPDIRECTORY", missing).Set("TMPDIR", systemTemp.FullName));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("v");
        systemTemp.EnumerateFileSystemInfos().Should().BeEmpty("the task leaves nothing behind outside the agent's temporary folder");
        run.Log.Commands.Should().NotContain(c => c.Event == "uploadsummary");
    }

    [Test]
    public async Task A_secret_expiring_soon_raises_a_warning_unless_turned_off()
    {
        Vault.SetSecret("soon", "s", expires: DateTimeOffset.UtcNow.AddDays(10));
        Vault.SetSecret("later", "l", expires: DateTimeOffset.UtcNow.AddDays(90));

        var warned = await Run(Agent("*"));
        var quiet = await Run(Agent("*").Input("WarnExpiringWithinDays", "0"));

        warned.Log.Result.Should().Be("Succeeded", "a warning does not change the result, as with AzureKeyVault@2");
        warned.ExitCode.Should().Be(0);
        warned.Log.Warnings.Should().ContainSingle().Which.Should().Contain("'soon' expires on").And.Contain("in 10 day(s)");
        quiet.Log.Result.Should().Be("Succeeded");
        quiet.Log.Warnings.Should().BeEmpty();
    }

    [Test]
    public async Task The_log_is_a_few_lines_with_the_detail_folded_and_debug_only_on_demand()
    {
        Vault.AddSecrets(12, "quiet-");

        var normal = await Run(Agent("*"));
        var debug = await Run(Agent("*").Set("SYSTEM_DEBUG", "true"));

        var outsideGroup = OutsideGroup(normal.Log.PlainLines);
        outsideGroup.Should().HaveCountLessThanOrEqualTo(3, string.Join("\n", outsideGroup));
        outsideGroup.Should().Contain(line => line.Contains(Vault.Host)).And.Contain(line => line.Contains("12 secret(s)"));
        normal.Log.PlainLines.Should().Contain(line => line.StartsWith("##[group]12 secret(s) set", StringComparison.Ordinal));
        normal.Log.Commands.Should().NotContain(c => c.Event == "debug");
        debug.Log.Commands.Where(c => c.Event == "debug").Select(c => c.Data).Should().Contain(d => d.Contains("Filter:"));
    }

    private static List<string> OutsideGroup(IEnumerable<string> lines)
    {
        var outside = new List<string>();
        var depth = 0;
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            if (line.StartsWith("##[group]", StringComparison.Ordinal))
            {
                depth++;
            }
            else if (line.StartsWith("##[endgroup]", StringComparison.Ordinal))
            {
                depth--;
            }
            else if (depth == 0)
            {
                outside.Add(line);
            }
        }

        return outside;
    }

    [Test]
    public async Task A_long_run_shows_its_lines_as_they_come_and_how_far_it_has_come()
    {
        Vault.SetSecret("quick", "q");
        Vault.SetSecret("held", "h");
        using var release = new ManualResetEventSlim();
        // The vault holds its answer for "held" until the test has seen the task's output while it waits.
        using var _ = Vault.Faults.Add(info =>
        {
            if (info.SecretName == "held")
            {
                release.Wait(TimeSpan.FromSeconds(40));
            }

            return null;
        });

        bool sawFirstLine = false, sawProgress = false;
        var run = await TaskLauncher.RunAsync(
            Agent("quick, held").ToDictionary(),
            timeout: TimeSpan.FromSeconds(60),
            whileRunning: async running =>
            {
                sawFirstLine = await running.WaitForOutputAsync($"Reading secrets from {Vault.Name}.", TimeSpan.FromSeconds(30));
                sawProgress = await running.WaitForOutputAsync("1 of 2 secret(s) read.", TimeSpan.FromSeconds(30));
                release.Set();
            });

        sawFirstLine.Should().BeTrue("a line is written when it happens, not when the task ends");
        sawProgress.Should().BeTrue("a run that waits says how far it has come every few seconds");
        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Commands.Should().Contain(c => c.Event == "setprogress" && c.Property("value") == "50");
        run.Log.Variables["held"].Value.Should().Be("h");
    }
}
