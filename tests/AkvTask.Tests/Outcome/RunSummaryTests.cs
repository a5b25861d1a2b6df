using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Tests.Outcome;

public class RunSummaryTests
{
    [Test]
    public void Lists_secrets_skips_and_failures_and_never_a_value()
    {
        FetchedSecret[] secrets =
        [
            new("db-password", "VALUE-ONE", "abc123", "text|plain\n<b>", null, new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero), ["db-password"], true),
        ];
        var report = new FetchReport(secrets, [new SkippedSecret("old", "disabled")],
            [new SecretFailure("gone", new VaultFailure(VaultFailureKind.NotFound, 404, null, null, null))], null);
        var outcome = RunOutcome.From(report, PublishPlan.Create(secrets, true, SecretFileFormat.Pfx), new OutcomeRules("kv", MissingSecretPolicy.Fail, 0, DateTimeOffset.UtcNow));
        var connection = new ServiceConnection("conn-1", "ServicePrincipal", new Dictionary<string, string> { ["serviceprincipalkey"] = "SPN-KEY" }, new Dictionary<string, string>());

        var markdown = RunSummary.Render(outcome, "kv.vault.azure.net", connection, TimeSpan.FromSeconds(1.5));

        markdown.Should().Contain("### Key Vault secrets: kv.vault.azure.net").And.Contain("**Failed**").And.Contain("`conn-1` (ServicePrincipal), 1.50 s");
        markdown.Should().Contain("| db-password | `$(db-password)`, `$(db_password)` | abc123 | text\\|plain &lt;b> | 2027-01-02 |");
        markdown.Should().Contain("| old | disabled |").And.Contain("| gone | Secret 'gone': vault 'kv' has no secret of that name.");
        markdown.Should().NotContain("VALUE-ONE").And.NotContain("SPN-KEY");
    }
}
