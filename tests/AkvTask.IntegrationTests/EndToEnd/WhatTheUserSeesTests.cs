using AkvTask.IntegrationTests.Agent;
using AkvTask.IntegrationTests.FakeAzure;

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
}
