using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>The fetch engine against a misbehaving vault: paging, faults, throttling, dates, the filter language.</summary>
public class FetchEngineTests : EndToEndTest
{
    [Test]
    public async Task Star_reads_a_thousand_secrets_over_forty_pages()
    {
        var names = Vault.AddSecrets(1000, "bulk-", i => $"value-{i};%]");

        var run = await Run(Agent("*"), timeout: TimeSpan.FromSeconds(120));

        run.ExitCode.Should().Be(0, run.ToString());
        Azure.Requests.Snapshot().Count(r => r.Kind == RequestKind.SecretList && r.HasBearer).Should().Be(40, "pages of 25");
        run.Log.Variables.Values.Count(v => v.Name.StartsWith("bulk-", StringComparison.Ordinal)).Should().Be(1000);
        foreach (var name in names)
        {
            run.Log.Variables[name].Value.Should().Be(Vault.GetSecret(name)!.Value);
        }

        var setOrder = run.Log.Commands.Where(c => c.Event == "setvariable" && c.Property("variable")!.StartsWith("bulk-", StringComparison.Ordinal))
            .Select(c => c.Property("variable")!).ToList();
        setOrder.Should().BeInAscendingOrder(StringComparer.OrdinalIgnoreCase, "variables are published in a stable order");
    }

    [Test]
    public async Task Patterns_exclusions_versions_and_aliases_select_and_rename()
    {
        Vault.SetSecret("app-db", "db");
        Vault.SetSecret("app-key", "key");
        Vault.SetSecret("app-key-old", "old");
        Vault.SetSecret("other", "o");
        var first = Vault.SetSecret("cert", "version-one");
        Vault.SetSecret("cert", "version-two");

        var run = await Run(Agent($"app-*\n!*-old\nOldCert=cert/{first}\ncert"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Should().BeEquivalentTo("app-db", "app_db", "app-key", "app_key", "OldCert", "cert");
        run.Log.Variables["OldCert"].Value.Should().Be("version-one");
        run.Log.Variables["cert"].Value.Should().Be("version-two");
    }

    [Test]
    public async Task A_version_entry_sets_the_variables_AzureKeyVault_v2_sets()
    {
        var first = Vault.SetSecret("db-cert", "version-one");
        Vault.SetSecret("db-cert", "version-two");

        var run = await Run(Agent($"db-cert/{first}"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Should().BeEquivalentTo("db-cert", $"db-cert/{first}", "db_cert");
        run.Log.Variables.Values.Should().OnlyContain(variable => variable.Value == "version-one" && variable.IsSecret);
    }

    [Test]
    public async Task A_bad_filter_fails_before_any_request_naming_the_entry_and_the_rule()
    {
        var run = await Run(Agent("good, bad_name"));

        run.ExitCode.Should().Be(1);
        run.Log.ResultMessage.Should().Contain("'bad_name'").And.Contain("letters, digits and hyphens");
        Azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task An_alias_equal_to_a_listed_secrets_name_fails_before_anything_is_set()
    {
        Vault.SetSecret("token", "t");
        Vault.SetSecret("api-key", "k");

        var run = await Run(Agent("*, Token=api-key"));

        run.ExitCode.Should().Be(1);
        run.Log.Variables.Should().BeEmpty("nothing is set when two secrets would set the same variable");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'token'").And.Contain("api-key");
    }

    [Test]
    public async Task Listing_skips_disabled_expired_and_not_yet_valid_secrets_and_says_so()
    {
        Vault.SetSecret("good", "g");
        Vault.SetSecret("off", "o", enabled: false);
        Vault.SetSecret("gone", "x", expires: DateTimeOffset.UtcNow.AddDays(-2));
        Vault.SetSecret("later", "l", notBefore: DateTimeOffset.UtcNow.AddDays(2));

        var run = await Run(Agent("*"));

        run.Log.Result.Should().Be("Succeeded");
        run.Log.Variables.Keys.Should().Equal("good");
        var log = string.Join("\n", run.Log.PlainLines);
        log.Should().Contain("Skipped secret 'off': disabled").And.Contain("Skipped secret 'gone': expired on")
            .And.Contain("Skipped secret 'later': not valid before");
        Azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretGet && r.HasBearer).Select(r => r.SecretName).Should().Equal("good");
    }

    [Test]
    public async Task A_named_secret_is_read_whatever_its_dates_with_a_warning_but_a_disabled_one_fails()
    {
        Vault.SetSecret("gone", "still here", expires: DateTimeOffset.UtcNow.AddDays(-2));
        Vault.SetSecret("off", "o", enabled: false);

        var expired = await Run(Agent("gone"));
        var disabled = await Run(Agent("off"));

        expired.Log.Result.Should().Be("Succeeded");
        expired.Log.Variables["gone"].Value.Should().Be("still here");
        expired.Log.Warnings.Should().ContainSingle().Which.Should().Contain("'gone' expired on");
        disabled.Log.Result.Should().Be("Failed");
        disabled.Log.Errors.Should().ContainSingle().Which.Should().Contain("'off'").And.Contain("disabled").And.Contain("Enable it");
    }

    [Test]
    public async Task A_missing_named_secret_only_warns_when_asked_to()
    {
        Vault.SetSecret("present", "p");

        var run = await Run(Agent("present, absent").Input("OnMissingSecret", "warn"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("SucceededWithIssues");
        run.Log.Variables.Keys.Should().Equal("present");
        run.Log.Warnings.Should().ContainSingle().Which.Should().Contain("'absent'");
    }

    [TestCase(3)]
    [TestCase(null)]
    public async Task Throttled_requests_are_retried_until_they_succeed(int? retryAfterSeconds)
    {
        Vault.AddSecrets(5, "t-");
        using var _ = Vault.Faults.FailNext(4, 429, "/secrets/t-", retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        var run = await Run(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Count(k => k.StartsWith("t-", StringComparison.Ordinal)).Should().Be(5);
        Azure.Requests.CountAnswered(429).Should().Be(4);
    }

    [Test]
    public async Task Server_errors_and_dropped_connections_are_retried()
    {
        Vault.AddSecrets(4, "r-");
        using var errors = Vault.Faults.FailNext(2, 503, "/secrets/r-0001");
        using var drops = Vault.Faults.AbortNext(2, "r-0002");

        var run = await Run(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Count(k => k.StartsWith("r-", StringComparison.Ordinal)).Should().Be(4);
        Azure.Requests.CountAnswered(503).Should().Be(2);
    }

    [Test]
    public async Task A_stalled_request_is_abandoned_at_its_timeout_and_retried()
    {
        Vault.SetSecret("slowpoke", "eventually");
        using var stall = Vault.Faults.StallNext(1, TimeSpan.FromSeconds(40), "slowpoke");

        var run = await Run(Agent("slowpoke"), timeout: TimeSpan.FromSeconds(35));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["slowpoke"].Value.Should().Be("eventually");
        Azure.Requests.Snapshot().Count(r => r.Kind == RequestKind.SecretGet && r.HasBearer).Should().Be(2, "the stalled try and its retry");
    }

    [Test]
    public async Task Throttling_that_never_ends_fails_with_the_tries_and_the_last_retry_after()
    {
        Vault.SetSecret("busy", "b");
        using var _ = Vault.Faults.Add(info => info.SecretName == "busy" ? FaultAction.Throttle(TimeSpan.FromSeconds(1)) : null);

        var run = await Run(Agent("busy"), timeout: TimeSpan.FromSeconds(90));

        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("429").And.Contain("7 tries").And.Contain("Retry-After: 1 s");
    }

    [Test]
    public async Task One_slow_secret_does_not_hold_up_the_others()
    {
        Vault.AddSecrets(60, "fast-");
        Vault.SetSecret("a-slow", "s");
        using var _ = Vault.Faults.DelaySecret("a-slow", TimeSpan.FromSeconds(3));

        var run = await Run(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        var gets = Azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretGet && r.HasBearer).ToList();
        var slow = gets.Single(r => r.SecretName == "a-slow");
        var slowEnd = slow.Time + slow.Duration;
        gets.Count(r => r.SecretName!.StartsWith("fast-", StringComparison.Ordinal) && r.Time > slow.Time && r.Time + r.Duration < slowEnd)
            .Should().BeGreaterThan(40, "no lockstep batches: the other workers go on while one waits");
        run.Log.Variables["a-slow"].Value.Should().Be("s");
    }

    [Test]
    public async Task A_quota_is_ridden_out_without_losing_a_secret()
    {
        Vault.AddSecrets(150, "q-");
        Vault.Faults.LimitRequestsPerSecond(50, retryAfterSeconds: 1);

        var run = await Run(Agent("*"), timeout: TimeSpan.FromSeconds(120));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables.Keys.Count(k => k.StartsWith("q-", StringComparison.Ordinal)).Should().Be(150);
        Azure.Requests.CountAnswered(429).Should().BeGreaterThan(0, "the quota was really hit");
    }
}
