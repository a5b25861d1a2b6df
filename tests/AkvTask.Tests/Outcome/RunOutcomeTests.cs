using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Tests.Outcome;

public class RunOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static FetchedSecret Secret(string name, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null, bool requested = false) =>
        new(name, "value-" + name, "v1", "text/plain", notBefore, expires, [name], requested);

    private static RunOutcome Outcome(
        IReadOnlyList<FetchedSecret> secrets,
        IReadOnlyList<SecretFailure>? failures = null,
        MissingSecretPolicy onMissing = MissingSecretPolicy.Fail,
        int warnDays = 30,
        VaultFailure? listing = null)
    {
        var report = new FetchReport(secrets, [new SkippedSecret("off", "disabled")], failures ?? [], listing);
        return RunOutcome.From(report, PublishPlan.Create(secrets, hyphenAliases: true, SecretFileFormat.Pfx), new OutcomeRules("kv", onMissing, warnDays, Now));
    }

    private static SecretFailure Missing(string name) => new(name, new VaultFailure(VaultFailureKind.NotFound, 404, "SecretNotFound", null, null));

    [Test]
    public void Secrets_set_without_a_problem_succeed()
    {
        var outcome = Outcome([Secret("a"), Secret("b-c")]);

        outcome.Result.Should().Be(TaskResult.Succeeded);
        outcome.Summary.Should().Be("2 secret(s) from vault 'kv' set as variables.");
        outcome.Published.Select(p => p.VariableNames.Count).Should().Equal(1, 2);
        outcome.Skipped.Should().ContainSingle();
    }

    [Test]
    public void A_failure_fails_the_run_and_counts_the_unread_secrets()
    {
        var outcome = Outcome([Secret("a")], [Missing("b"), Missing("c")]);

        outcome.Result.Should().Be(TaskResult.Failed);
        outcome.Summary.Should().Be("1 secret(s) from vault 'kv' set as variables; 2 secret(s) could not be read.");
        outcome.Errors.Select(e => e.Subject).Should().Equal("b", "c");
    }

    [Test]
    public void A_missing_named_secret_only_warns_when_the_policy_says_so()
    {
        var outcome = Outcome([Secret("a", expires: Now.AddDays(3))], [Missing("b")], MissingSecretPolicy.Warn);

        outcome.Result.Should().Be(TaskResult.SucceededWithIssues, "the one degradation a user opts into");
        outcome.Warnings.Select(w => w.Subject).Should().Equal("a", "b");
        outcome.Summary.Should().Be("1 secret(s) from vault 'kv' set as variables; 1 named secret(s) missing, with 2 warning(s).");
    }

    [Test]
    public void Only_named_secrets_may_be_missing_with_a_warning()
    {
        var listed = new SecretFailure("gone", new VaultFailure(VaultFailureKind.NotFound, 404, null, null, null), Requested: false);

        Outcome([Secret("a")], [listed], MissingSecretPolicy.Warn).Result.Should().Be(TaskResult.Failed);
    }

    [Test]
    public void A_listing_failure_fails_the_run()
    {
        var outcome = Outcome([], listing: new VaultFailure(VaultFailureKind.DeniedByAccessPolicy, 403, "Forbidden", "AccessDenied", null));

        outcome.Result.Should().Be(TaskResult.Failed);
        outcome.Summary.Should().EndWith("the vault could not be listed.");
    }

    [Test]
    public void A_conflict_fails_the_run_and_publishes_nothing()
    {
        FetchedSecret[] secrets = [new("x", "1", null, null, null, null, ["Token"], true), Secret("token")];

        var outcome = Outcome(secrets);

        outcome.Result.Should().Be(TaskResult.Failed);
        outcome.Published.Should().BeEmpty();
        outcome.Summary.Should().Contain("none was set");
    }

    [TestCase(10, 30, true)]
    [TestCase(40, 30, false)]
    [TestCase(10, 0, false)]
    public void Secrets_expiring_within_the_window_are_warned_about(int daysLeft, int warnDays, bool warned)
    {
        var outcome = Outcome([Secret("soon", expires: Now.AddDays(daysLeft))], warnDays: warnDays);

        outcome.Warnings.Any(w => w.Message.Contains($"in {daysLeft} day(s)")).Should().Be(warned);
        outcome.Result.Should().Be(TaskResult.Succeeded, "a warning is news, not a degraded run, as with AzureKeyVault@2");
        outcome.Summary.Should().Be(warned ? "1 secret(s) from vault 'kv' set as variables, with 1 warning(s)." : "1 secret(s) from vault 'kv' set as variables.");
    }

    [Test]
    public void Expired_and_not_yet_valid_named_secrets_are_warned_about_even_with_the_window_off()
    {
        var outcome = Outcome([Secret("old", expires: Now.AddDays(-1), requested: true), Secret("new", notBefore: Now.AddDays(1), requested: true)], warnDays: 0);

        outcome.Warnings.Select(w => w.Message).Should().SatisfyRespectively(
            old => old.Should().Contain("'old' expired on 2026-11-22").And.Contain("filter names it"),
            future => future.Should().Contain("'new' is not valid before 2026-11-24"));
        outcome.Result.Should().Be(TaskResult.Succeeded);
    }

    [Test]
    public void A_filter_that_matches_nothing_is_worth_a_warning()
    {
        var outcome = Outcome([]);

        outcome.Result.Should().Be(TaskResult.Succeeded);
        outcome.Warnings.Should().ContainSingle().Which.Message.Should().Contain("No secret");
    }
}
