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

        var report = await new SecretFetcher(client, new FetchOptions(4)).FetchAsync(SecretFilter.Parse("*"), CancellationToken.None).WaitAsync(Limit);

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

        var report = await new SecretFetcher(client, new FetchOptions()).FetchAsync(SecretFilter.Parse("two,one"), CancellationToken.None).WaitAsync(Limit);

        client.ListCalls.Should().Be(0);
        report.Secrets.Select(s => (s.Name, s.Value)).Should().Equal(("one", "1"), ("two", "2"));
    }

    [Test]
    public async Task A_failed_secret_is_recorded_and_the_others_are_still_read()
    {
        var client = new FakeSecretClient();
        client.Add("good", "g");
        client.Add("locked", "l");
        client.Failures["locked"] = () => FakeResponse.Failure(403,
            """{"error":{"code":"Forbidden","message":"Operation get is not allowed on a disabled secret.","innererror":{"code":"SecretDisabled"}}}""");

        var report = await new SecretFetcher(client, new FetchOptions()).FetchAsync(SecretFilter.Parse("good,locked,missing"), CancellationToken.None).WaitAsync(Limit);

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

        var fetch = new SecretFetcher(client, new FetchOptions(4)).FetchAsync(SecretFilter.Parse("*"), CancellationToken.None);

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

        var report = await new SecretFetcher(client, new FetchOptions()).FetchAsync(SecretFilter.Parse("*"), CancellationToken.None).WaitAsync(Limit);

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

        var fetch = () => new SecretFetcher(client, new FetchOptions(2)).FetchAsync(SecretFilter.Parse("*"), CancellationToken.None).WaitAsync(Limit);

        await fetch.Should().ThrowAsync<AuthenticationFailedException>().WithMessage("*AADSTS7000215*");
        client.Gets.Count.Should().BeLessThan(10, "the remaining secrets are not tried once signing in has failed");
    }
}
