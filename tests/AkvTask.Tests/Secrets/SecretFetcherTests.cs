using AkvTask.Secrets;
using AkvTask.Tests.Fakes;
using Azure.Identity;

namespace AkvTask.Tests.Secrets;

public class SecretFetcherTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Star_lists_the_vault_and_reads_every_enabled_secret_in_name_order()
    {
        var client = new FakeSecretClient { PageSize = 3 };
        foreach (var name in new[] { "zeta", "Alpha", "beta", "gamma", "delta", "off" })
        {
            client.Add(name, "value-of-" + name, enabled: name != "off");
        }

        var report = await new SecretFetcher(client.Unchallenged(), new FetchOptions(4)).FetchAsync(SecretSelection.Of(SecretFilter.Parse("*")), CancellationToken.None).WaitAsync(Limit);

        report.Secrets.Select(s => s.Name).Should().Equal("Alpha", "beta", "delta", "gamma", "zeta");
        report.Secrets.Should().OnlyContain(s => s.Value == "value-of-" + s.Name);
        report.Skipped.Should().Equal(new SkippedSecret("off", "disabled"));
        report.Failures.Should().BeEmpty();
        client.Gets.Should().NotContain("off");
    }

    [Test]
    public async Task Exact_names_are_read_directly_without_listing()
    {
        var client = new FakeSecretClient();
        client.Add("one", "1");
        client.Add("two", "2");

        var report = await new SecretFetcher(client.Unchallenged(), new FetchOptions()).FetchAsync(SecretSelection.Of(SecretFilter.Parse("two,one")), CancellationToken.None).WaitAsync(Limit);

        client.ListCalls.Should().Be(0);
        report.Secrets.Select(s => (s.Name, s.Value)).Should().Equal(("one", "1"), ("two", "2"));
        report.Secrets.Should().OnlyContain(s => s.Requested && s.Variables.SequenceEqual(new[] { s.Name }));
    }

    [Test]
    public async Task A_failed_secret_is_recorded_and_the_others_are_still_read()
    {
        var client = new FakeSecretClient();
        client.Add("good", "g");
        client.Add("locked", "l");
        client.Failures["locked"] = () => FakeResponse.Failure(403,
            """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""");

        var report = await new SecretFetcher(client.Unchallenged(), new FetchOptions()).FetchAsync(SecretSelection.Of(SecretFilter.Parse("good,locked,missing")), CancellationToken.None).WaitAsync(Limit);

        report.Secrets.Select(s => s.Name).Should().Equal("good");
        report.Failures.Select(f => (f.Name, f.Failure.Kind)).Should().Equal(("locked", VaultFailureKind.Disabled), ("missing", VaultFailureKind.NotFound));
    }

    [Test]
    public async Task Values_are_read_while_one_slow_secret_is_still_pending()
    {
        var client = new FakeSecretClient();
        var slow = new TaskCompletionSource();
        client.Gates["slow"] = slow.Task;
        client.Add("slow", "s");
        for (var i = 0; i < 20; i++)
        {
            client.Add($"fast{i:00}", "f");
        }

        var fetch = new SecretFetcher(client.Unchallenged(), new FetchOptions(4)).FetchAsync(SecretSelection.Of(SecretFilter.Parse("*")), CancellationToken.None);

        var deadline = DateTime.UtcNow + Limit;
        while (client.Gets.Count < 21 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        client.Gets.Should().HaveCount(21, "the other workers go on while one waits for the slow secret");
        fetch.IsCompleted.Should().BeFalse();
        slow.SetResult();
        (await fetch.WaitAsync(Limit)).Secrets.Should().HaveCount(21);
        client.MaxInFlight.Should().BeLessThanOrEqualTo(4);
    }

    [Test]
    public async Task A_listing_failure_is_reported_with_what_was_read_before()
    {
        var client = new FakeSecretClient
        {
            ListFailure = FakeResponse.Failure(403, """{"error":{"code":"Forbidden","message":"no list","innererror":{"code":"AccessDenied"}}}"""),
        };

        var report = await new SecretFetcher(client.Unchallenged(), new FetchOptions()).FetchAsync(SecretSelection.Of(SecretFilter.Parse("*")), CancellationToken.None).WaitAsync(Limit);

        report.ListingFailure!.Kind.Should().Be(VaultFailureKind.DeniedByAccessPolicy);
        report.Secrets.Should().BeEmpty();
    }

    [Test]
    public async Task A_sign_in_failure_ends_the_fetch()
    {
        var client = new FakeSecretClient();
        for (var i = 0; i < 10; i++)
        {
            client.Add($"s{i}", "v");
            client.Failures[$"s{i}"] = () => new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.");
        }

        var fetch = () => new SecretFetcher(client.Unchallenged(), new FetchOptions(2)).FetchAsync(SecretSelection.Of(SecretFilter.Parse("*")), CancellationToken.None).WaitAsync(Limit);

        await fetch.Should().ThrowAsync<AuthenticationFailedException>().WithMessage("*AADSTS7000215*");
        client.Gets.Count.Should().BeLessThan(10, "the remaining secrets are not tried once signing in has failed");
    }
}

public class SecretFetcherFilterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Task<FetchReport> Fetch(FakeSecretClient client, string filter) =>
        new SecretFetcher(client.Unchallenged(), new FetchOptions(4), clock: new FixedClock()).FetchAsync(SecretSelection.Of(SecretFilter.Parse(filter)), CancellationToken.None).WaitAsync(Limit);

    [Test]
    public async Task Listing_skips_expired_and_not_yet_valid_secrets_and_says_why()
    {
        var client = new FakeSecretClient();
        client.Add("current", "c", expires: Now.AddDays(1));
        client.Add("expired", "e", expires: Now.AddMinutes(-1));
        client.Add("future", "f", notBefore: Now.AddHours(2));

        var report = await Fetch(client, "*");

        report.Secrets.Select(s => s.Name).Should().Equal("current");
        report.Skipped.Should().Equal(
            new SkippedSecret("expired", "expired on 2026-11-23 11:59 UTC"),
            new SkippedSecret("future", "not valid before 2026-11-23 14:00 UTC"));
    }

    [Test]
    public async Task A_secret_named_exactly_is_read_whatever_its_dates()
    {
        var client = new FakeSecretClient();
        client.Add("expired", "e", expires: Now.AddDays(-1));

        var report = await Fetch(client, "expired");

        report.Secrets.Should().ContainSingle().Which.ExpiresOn.Should().Be(Now.AddDays(-1));
    }

    [Test]
    public async Task Patterns_exclusions_aliases_and_versions_together()
    {
        var client = new FakeSecretClient();
        foreach (var name in new[] { "app-db", "app-key", "app-old", "other", "cert" })
        {
            client.Add(name, name + "!");
        }

        var report = await Fetch(client, "app-*, !*-old, Certificate=cert/0123456789abcdef0123456789abcdef");

        report.Secrets.Select(s => (s.Name, string.Join("|", s.Variables), s.Requested)).Should().Equal(
            ("app-db", "app-db", false), ("app-key", "app-key", false), ("cert", "Certificate", true));
        client.Versions.Should().Contain("0123456789abcdef0123456789abcdef");
    }

    [Test]
    public async Task A_version_entry_sets_the_name_and_name_slash_version_as_AzureKeyVault_v2_does_but_an_alias_alone()
    {
        const string version = "0123456789abcdef0123456789abcdef";
        var client = new FakeSecretClient();
        client.Add("Signing-Cert", "pem");
        client.Add("token", "t");

        var report = await Fetch(client, $"signing-cert/{version}, Old=token/{version}");

        report.Secrets.Select(s => (s.Name, string.Join("|", s.Variables))).Should().Equal(
            ("Signing-Cert", $"Signing-Cert|Signing-Cert/{version}"), ("token", "Old"));
    }

    [Test]
    public async Task A_missing_secret_gets_the_closest_names_listed_only_after_the_not_found()
    {
        var client = new FakeSecretClient();
        client.Add("db-password", "p");
        client.Add("db-passwords-old", "p");
        client.Add("unrelated", "u");

        var report = await Fetch(client, "db-pasword");

        report.Failures.Should().ContainSingle().Which.Suggestions.Should().Equal("db-password");
        client.ListCalls.Should().Be(1);
    }

    [Test]
    public async Task When_listing_is_forbidden_a_missing_secret_just_has_no_suggestion()
    {
        var client = new FakeSecretClient { ListForbidden = true };

        var report = await Fetch(client, "db-pasword");

        var failure = report.Failures.Should().ContainSingle().Subject;
        failure.Failure.Kind.Should().Be(VaultFailureKind.NotFound);
        failure.Suggestions.Should().BeEmpty();
        report.ListingFailure.Should().BeNull("listing only served the suggestion");
    }
}

public class SecretFetcherSignInTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Test]
    public async Task Only_one_request_goes_before_a_signed_one_has_gone_out_however_slow_its_answer()
    {
        var client = new FakeSecretClient();
        var slowAnswer = new TaskCompletionSource();
        client.Add("a-first", "1");
        client.Gates["a-first"] = slowAnswer.Task;
        for (var i = 0; i < 10; i++)
        {
            client.Add($"n{i}", "v");
        }

        SignInGate gate = null!;
        var fetch = new SecretFetcher(
                (signIn, _) =>
                {
                    gate = signIn;
                    return client;
                },
                new FetchOptions(4))
            .FetchAsync(SecretSelection.Of(SecretFilter.Parse("a-first," + string.Join(",", Enumerable.Range(0, 10).Select(i => $"n{i}")))), CancellationToken.None);

        await Task.Delay(200);
        client.Gets.Should().Equal(new[] { "a-first" }, "the others wait while the first meets the sign-in challenge");

        gate.Open();
        var deadline = DateTime.UtcNow + Limit;
        while (client.Gets.Count < 11 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        client.Gets.Should().HaveCount(11, "once a signed request has gone out, the slow answer holds nobody up");
        slowAnswer.SetResult();
        (await fetch.WaitAsync(Limit)).Secrets.Should().HaveCount(11);
    }

    [Test]
    public async Task Progress_counts_what_is_settled_of_what_is_found()
    {
        var client = new FakeSecretClient();
        var slowAnswer = new TaskCompletionSource();
        foreach (var name in new[] { "a", "b", "slow" })
        {
            client.Add(name, "v");
        }

        client.Gates["slow"] = slowAnswer.Task;
        client.Failures["b"] = () => new Azure.RequestFailedException(404, "not found", "SecretNotFound", null);
        var fetcher = new SecretFetcher(client.Unchallenged(), new FetchOptions(4));

        var fetch = fetcher.FetchAsync(SecretSelection.Of(SecretFilter.Parse("a, b, slow")), CancellationToken.None);
        var deadline = DateTime.UtcNow + Limit;
        while (fetcher.Progress.Settled < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        fetcher.Progress.Should().Be(new FetchProgress(2, 3, AllFound: true, TimeSpan.Zero), "a failed secret is settled too");
        fetcher.Progress.Percent.Should().Be(66);
        slowAnswer.SetResult();
        await fetch.WaitAsync(Limit);
        fetcher.Progress.Percent.Should().Be(100);
    }
}
