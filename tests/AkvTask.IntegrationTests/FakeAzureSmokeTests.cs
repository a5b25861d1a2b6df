using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AkvTask.TestSupport.FakeAzure;
using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.IntegrationTests;

/// <summary>
/// Proves that the unmodified Azure SDK, going through the fake's proxy and trusting only its test CA, cannot tell
/// the fake from Azure. Each test has its own fake and its own vault name: the SDK caches Key Vault challenges and
/// MSAL caches instance discovery per host, process-wide.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class FakeAzureSmokeTests
{
    private const string ClientId = "3c1d6a8e-5b2f-4e9a-8c7d-0f1e2d3c4b5a";
    private const string ClientSecret = "s3cr3t~value.with_chars";
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Lists_every_secret_across_pages_with_their_attributes()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        var names = vault.AddSecrets(57, "app-");
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000);
        vault.SetSecret("Zz-Disabled", "x", enabled: false);
        vault.SetSecret("Zz-Rich", "x", contentType: "text/plain", notBefore: notBefore, expires: expires,
            tags: new Dictionary<string, string> { ["team"] = "blue" });
        vault.SetSecret("Zz-Cert", "pem", contentType: "application/x-pem-file", managed: true);
        using var client = Connect(azure, vault);

        var listed = new List<SecretProperties>();
        await foreach (var properties in client.Secrets.GetPropertiesOfSecretsAsync(Timeout()))
        {
            listed.Add(properties);
        }

        listed.Select(p => p.Name).Should().Equal(names.Concat(["Zz-Cert", "Zz-Disabled", "Zz-Rich"]));
        listed.Single(p => p.Name == "Zz-Disabled").Enabled.Should().BeFalse();
        var rich = listed.Single(p => p.Name == "Zz-Rich");
        rich.Enabled.Should().BeTrue();
        rich.ContentType.Should().Be("text/plain");
        rich.NotBefore.Should().Be(notBefore);
        rich.ExpiresOn.Should().Be(expires);
        rich.Tags.Should().Equal(new Dictionary<string, string> { ["team"] = "blue" });
        rich.Id.Should().Be(new Uri($"https://{vault.Host}/secrets/Zz-Rich"));
        listed.Single(p => p.Name == "Zz-Cert").Managed.Should().BeTrue();

        var pages = azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretList && r.Status == 200).ToList();
        pages.Should().HaveCount(3, "60 secrets make pages of 25, 25 and 10");
        pages.Skip(1).Should().OnlyContain(p => p.PathAndQuery.Contains("$skiptoken=") && p.PathAndQuery.Contains("maxresults=25"));
        azure.Requests.Snapshot().Should().ContainSingle(r => r.Status == 401, "the challenge round trip happens once");
    }

    [Test]
    public async Task Gets_the_latest_version_by_name_and_an_older_one_by_version_ignoring_name_case()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        var first = vault.SetSecret("Db-Password", "one", contentType: "text/plain");
        var second = vault.SetSecret("db-password", "two");
        using var client = Connect(azure, vault);

        KeyVaultSecret latest = await client.Secrets.GetSecretAsync("DB-PASSWORD", cancellationToken: Timeout());
        KeyVaultSecret older = await client.Secrets.GetSecretAsync("db-password", first, Timeout());

        latest.Value.Should().Be("two");
        latest.Name.Should().Be("Db-Password");
        latest.Properties.Version.Should().Be(second);
        latest.Properties.ContentType.Should().BeNull();
        older.Value.Should().Be("one");
        older.Properties.Version.Should().Be(first).And.MatchRegex("^[0-9a-f]{32}$");
        older.Properties.ContentType.Should().Be("text/plain");
        older.Id.Should().Be(new Uri($"https://{vault.Host}/secrets/Db-Password/{first}"));
    }

    [Test]
    public async Task Hostile_values_round_trip_exactly()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        var hostile = "line1\r\nline2\nline3\rend;%AZP25%0A%;]##vso[task.setvariable variable=x]\"quoted\"\\back\\slash\ttab "
            + "é日本語🔑 \u0001\u001f trailing ";
        var large = string.Concat(Enumerable.Repeat("0123456789abcdefghijklmnopqrstuvwxyzÄÖÜ\n", 640));
        var values = new Dictionary<string, string> { ["hostile"] = hostile, ["large"] = large, ["empty"] = "" };
        foreach (var (name, value) in values)
        {
            vault.SetSecret(name, value);
        }

        using var client = Connect(azure, vault);

        foreach (var (name, value) in values)
        {
            KeyVaultSecret secret = await client.Secrets.GetSecretAsync(name, cancellationToken: Timeout());
            secret.Value.Should().Be(value);
        }

        Encoding.UTF8.GetByteCount(large).Should().BeGreaterThan(25_000);
    }

    [Test]
    public async Task AWrongClientSecretOrUnknownClientFailsLikeEntraId()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("a", "b");
        using var wrongSecret = Connect(azure, vault, clientSecret: "not-the-secret");
        using var unknownClient = Connect(azure, vault, clientId: Guid.NewGuid().ToString());

        var wrong = await FluentActions.Awaiting(() => wrongSecret.Secrets.GetSecretAsync("a", cancellationToken: Timeout()))
            .Should().ThrowAsync<AuthenticationFailedException>();
        wrong.Which.InnerException!.Message.Should().Contain("AADSTS7000215").And.NotContain("not-the-secret");

        var unknown = await FluentActions.Awaiting(() => unknownClient.Secrets.GetSecretAsync("a", cancellationToken: Timeout()))
            .Should().ThrowAsync<AuthenticationFailedException>();
        unknown.Which.InnerException!.Message.Should().Contain("AADSTS700016");

        azure.Entra.TokenRequests.Should().OnlyContain(t => t.GrantType == "client_credentials" && t.Scope == "https://vault.azure.net/.default");
        azure.Entra.TokenRequests.Should().OnlyContain(t => t.Fields.GetValueOrDefault("client_secret") == "***");
        azure.Entra.TokenRequests.Select(t => t.Error).Should().Contain(["invalid_client", "unauthorized_client"]);
        azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretGet).Should().OnlyContain(r => !r.HasBearer && r.Status == 401);
    }

    [Test]
    public async Task Disabled_and_missing_secrets_answer_with_their_real_codes()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("off", "x", enabled: false);
        using var client = Connect(azure, vault);

        var disabled = await GetFailure(client, "off");
        disabled.Status.Should().Be(403);
        disabled.ErrorCode.Should().Be("Forbidden");
        InnerCode(disabled).Should().Be("SecretDisabled");

        var missing = await GetFailure(client, "nope");
        missing.Status.Should().Be(404);
        missing.ErrorCode.Should().Be("SecretNotFound");
        missing.Message.Should().Contain("A secret with (name/id) nope was not found in this key vault");
    }

    [TestCase(ForbiddenReason.Rbac, "ForbiddenByRbac", "Microsoft.KeyVault/vaults/secrets/getSecret/action")]
    [TestCase(ForbiddenReason.AccessPolicy, "AccessDenied", "does not have secrets get permission")]
    [TestCase(ForbiddenReason.Firewall, "ForbiddenByFirewall", "Client address: 203.0.113.7")]
    [TestCase(ForbiddenReason.PrivateLink, "ForbiddenByConnection", "approved private link")]
    public async Task Each_forbidden_flavour_answers_403_with_its_inner_code(ForbiddenReason reason, string innerCode, string messagePart)
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("locked", "x");
        vault.SetSecret("open", "y");
        vault.Faults.Forbid(reason, VaultOperation.Get, "locked");
        using var client = Connect(azure, vault);

        var failure = await GetFailure(client, "locked");
        failure.Status.Should().Be(403);
        failure.ErrorCode.Should().Be("Forbidden");
        InnerCode(failure).Should().Be(innerCode);
        var message = ErrorMessage(failure);
        message.Should().Contain(messagePart).And.Contain($"appid={ClientId};oid=").And.Contain($"{vault.Name};location=westeurope");
        ((string)(await client.Secrets.GetSecretAsync("open", cancellationToken: Timeout())).Value.Value).Should().Be("y");
    }

    [Test]
    public async Task AForbiddenListIsToldFromAForbiddenGet()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "v");
        vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.List);
        using var client = Connect(azure, vault);

        var failure = await FluentActions.Awaiting(async () =>
        {
            await foreach (var _ in client.Secrets.GetPropertiesOfSecretsAsync(Timeout()))
            {
            }
        }).Should().ThrowAsync<RequestFailedException>();

        failure.Which.Status.Should().Be(403);
        ErrorMessage(failure.Which).Should().Contain("secrets/readMetadata/action");
        ((string)(await client.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value).Should().Be("v");
    }

    [TestCase(1)]
    [TestCase(null)]
    public async Task Throttling_is_retried_by_SDK_with_or_without_Retry_After(int? retryAfterSeconds)
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("busy", "ok");
        var retryAfter = retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        vault.Faults.FailNext(2, 429, "/secrets/busy", retryAfter);
        using var client = Connect(azure, vault);

        var response = await client.Secrets.GetSecretAsync("busy", cancellationToken: Timeout());

        response.Value.Value.Should().Be("ok");
        var gets = azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretGet && r.HasBearer).ToList();
        gets.Select(r => r.Status).Should().Equal(429, 429, 200);
        azure.Requests.CountOf("GET", vault.Host, gets[0].PathAndQuery).Should().Be(4, "the challenge and three identical authenticated attempts");
    }

    [Test]
    public async Task AQuotaThrottlesABurstThatTheSdkThenGetsThrough()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        var names = vault.AddSecrets(12);
        using var client = Connect(azure, vault, maxRetries: 10);
        await client.Secrets.GetSecretAsync(names[0], cancellationToken: Timeout());
        vault.Faults.LimitRequestsPerSecond(4, retryAfterSeconds: 1);

        var values = await Task.WhenAll(names.Select(async n => (await client.Secrets.GetSecretAsync(n, cancellationToken: Timeout())).Value.Value));

        values.Should().Equal(Enumerable.Range(1, 12).Select(i => $"value-{i}"));
        azure.Requests.CountAnswered(429).Should().BeGreaterThan(0);
    }

    [Test]
    public async Task Dropped_connections_and_server_errors_are_retried()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("flaky", "fine");
        vault.Faults.AbortNext(1, "flaky");
        vault.Faults.FailNext(1, 500, "/secrets/flaky");
        vault.Faults.FailNext(1, 503, "/secrets/flaky");
        using var client = Connect(azure, vault);

        var response = await client.Secrets.GetSecretAsync("flaky", cancellationToken: Timeout());

        response.Value.Value.Should().Be("fine");
        azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.SecretGet && r.HasBearer).Select(r => r.Status)
            .Should().Equal(0, 500, 503, 200);
    }

    [Test]
    public async Task ATransientTokenEndpointFailureIsRetried()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "v");
        azure.Entra.Faults.FailNext(1, 503, "/");
        using var client = Connect(azure, vault);

        (await client.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("v");

        azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.Token).Select(r => r.Status).Should().Equal(503, 200);
    }

    [Test]
    public async Task The_vault_challenges_over_HTTP2_like_Key_Vault()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        using var http = new HttpClient(azure.CreateHttpHandler())
        {
            Timeout = HangLimit,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await http.GetAsync($"https://{vault.Host}/secrets?api-version=7.6");

        response.Version.Should().Be(HttpVersion.Version20);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle().Which.ToString().Should().Be(
            $"Bearer authorization=\"https://login.microsoftonline.com/{FakeAzureHost.DefaultTenantId}\", resource=\"https://vault.azure.net\"");
        (await response.Content.ReadAsStringAsync()).Should().Contain("AKV10000");
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task AStallLongerThanTheNetworkTimeoutFailsInsteadOfHanging(bool midBody)
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("stuck", "never");
        vault.Faults.StallNext(10, TimeSpan.FromMinutes(5), "stuck", midBody);
        using var client = Connect(azure, vault, maxRetries: 1, networkTimeout: TimeSpan.FromSeconds(1));

        var attempt = client.Secrets.GetSecretAsync("stuck", cancellationToken: Timeout());

        var failure = await Record(() => attempt.WaitAsync(HangLimit));

        failure.Should().NotBeNull().And.NotBeOfType<TimeoutException>("the SDK must give up on its own");
        failure!.ToString().Should().Contain("exceeded the configured timeout");
        await WaitUntil(() => azure.Requests.Snapshot().Count(r => r.SecretName == "stuck" && r.HasBearer) == 2);
        azure.Requests.Snapshot().Where(r => r.SecretName == "stuck" && r.HasBearer).Should().OnlyContain(r => r.Status == 0);
    }

    [Test]
    public async Task AMalformedBodyFailsTheCallAndOthersStillWork()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("broken", "value");
        vault.SetSecret("fine", "value");
        vault.Faults.MalformBodies(VaultOperation.Get, "broken");
        using var client = Connect(azure, vault);

        await FluentActions.Awaiting(() => client.Secrets.GetSecretAsync("broken", cancellationToken: Timeout())).Should().ThrowAsync<JsonException>();
        (await client.Secrets.GetSecretAsync("fine", cancellationToken: Timeout())).Value.Value.Should().Be("value");
    }

    [Test]
    public async Task One_slow_secret_does_not_hold_others()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("slow", "s");
        vault.SetSecret("quick", "q");
        using var client = Connect(azure, vault);
        await client.Secrets.GetSecretAsync("quick", cancellationToken: Timeout());
        vault.Faults.DelaySecret("slow", TimeSpan.FromSeconds(3));

        var slow = client.Secrets.GetSecretAsync("slow", cancellationToken: Timeout());
        var quick = await client.Secrets.GetSecretAsync("quick", cancellationToken: Timeout());

        quick.Value.Value.Should().Be("q");
        slow.IsCompleted.Should().BeFalse();
        (await slow.WaitAsync(HangLimit)).Value.Value.Should().Be("s");
    }

    [Test]
    public async Task The_proxy_sees_only_connects_to_the_real_host_names()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "v");
        using var client = Connect(azure, vault);

        await foreach (var _ in client.Secrets.GetPropertiesOfSecretsAsync(Timeout()))
        {
        }

        await client.Secrets.GetSecretAsync("s", cancellationToken: Timeout());

        azure.ProxyConnectTargets.Distinct().Should().BeEquivalentTo("login.microsoftonline.com:443", $"{vault.Host}:443");
        azure.ProxyPlainHttpRequests.Should().BeEmpty();
        azure.Requests.Snapshot().Select(r => r.Host).Distinct().Should().BeEquivalentTo("login.microsoftonline.com", vault.Host);
    }

    [Test]
    public async Task The_proxy_asks_for_credentials_when_configured()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        azure.RequireProxyCredentials("user", "p@ss:word");
        var vault = NewVault(azure);
        vault.SetSecret("s", "v");
        using var anonymous = Connect(azure, vault, maxRetries: 0);
        using var authenticated = Connect(azure, vault, proxyCredentials: new NetworkCredential("user", "p@ss:word"));

        var refused = await FluentActions.Awaiting(() => anonymous.Secrets.GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<RequestFailedException>();
        refused.Which.ToString().Should().Contain("407");
        (await authenticated.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("v");
    }

    [Test]
    public async Task AClientThatDoesNotTrustTheTestCaIsRefused()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "v");
        using var handler = new SocketsHttpHandler { Proxy = new WebProxy(azure.ProxyUrl), UseProxy = true };
        using var http = new HttpClient(handler) { Timeout = HangLimit };

        var failure = await FluentActions.Awaiting(() => http.GetAsync($"https://{vault.Host}/secrets?api-version=7.6"))
            .Should().ThrowAsync<HttpRequestException>();

        failure.Which.InnerException.Should().BeOfType<System.Security.Authentication.AuthenticationException>();
        azure.ProxyConnectTargets.Should().Equal($"{vault.Host}:443");
        azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task An_unknown_vault_fails_like_a_missing_host()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        NewVault(azure);
        using var transport = new HttpClientTransport(azure.CreateHttpHandler());
        var client = new SecretClient(new Uri("https://nosuchvault.vault.azure.net/"),
            new ClientSecretCredential(FakeAzureHost.DefaultTenantId, ClientId, ClientSecret, new ClientSecretCredentialOptions { Transport = transport }),
            new SecretClientOptions { Transport = transport, Retry = { MaxRetries = 0 } });

        var failure = await FluentActions.Awaiting(() => client.GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<RequestFailedException>();

        failure.Which.Status.Should().Be(0);
        failure.Which.InnerException.Should().BeOfType<HttpRequestException>().Which.Message.Should().Contain("502");
        azure.ProxyConnectTargets.Should().Equal("nosuchvault.vault.azure.net:443");
        azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task ASovereignCloudVaultUsesItsOwnAuthorityAndResource()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure, FakeVaultOptions.AzureChinaCloud);
        vault.SetSecret("s", "china");
        using var client = Connect(azure, vault);

        (await client.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("china");

        vault.Host.Should().EndWith(".vault.azure.cn");
        azure.Entra.IssuedTokens.Should().ContainSingle().Which.Should().Match<IssuedToken>(t =>
            t.AuthorityHost == "login.chinacloudapi.cn" && t.Scope == "https://vault.azure.cn/.default");
        azure.ProxyConnectTargets.Distinct().Should().BeEquivalentTo("login.chinacloudapi.cn:443", $"{vault.Host}:443");
    }

    [Test]
    public async Task APrivateCloudAuthorityFailsInstanceDiscoveryUnlessDeclaredOrSkipped()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var cloud = $"stack{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.contoso.example";
        var vault = NewVault(azure, new FakeVaultOptions(DnsSuffix: $"vault.{cloud}", AuthorityHost: $"https://login.{cloud}", Resource: $"https://vault.{cloud}"));
        vault.SetSecret("s", "custom");
        using var discovering = Connect(azure, vault);
        using var skipping = Connect(azure, vault, disableInstanceDiscovery: true);

        var refused = await FluentActions.Awaiting(() => discovering.Secrets.GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<AuthenticationFailedException>();
        refused.Which.InnerException!.Message.Should().Contain("AADSTS50049");
        (await skipping.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("custom");

        azure.Entra.AddKnownAuthorityHost($"login.{cloud}");
        using var declared = Connect(azure, vault);
        (await declared.Secrets.GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("custom");
        azure.Requests.Snapshot().Where(r => r.Kind == RequestKind.InstanceDiscovery).Select(r => (r.Host, r.Status))
            .Should().Equal(("login.microsoftonline.com", 400), ("login.microsoftonline.com", 200));
    }

    [Test]
    public async Task ATokenFromAnotherCloudIsRefusedWithAChallenge()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure, FakeVaultOptions.AzureChinaCloud);
        vault.SetSecret("s", "china");
        using var client = Connect(azure, vault, authorityHost: "https://login.microsoftonline.com");

        var failure = await FluentActions.Awaiting(() => client.Secrets.GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<RequestFailedException>();

        failure.Which.Status.Should().Be(401);
        failure.Which.Message.Should().Contain("AKV10032");
    }

    [Test]
    public async Task ACertificateCredentialIsCheckedAgainstTheRegisteredCertificate()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "by-certificate");
        using var registered = SelfSignedCertificate();
        using var other = SelfSignedCertificate();
        azure.Entra.AddServicePrincipal(FakeAzureHost.DefaultTenantId, "cert-app", X509CertificateLoader.LoadCertificate(registered.RawData));
        using var transport = new HttpClientTransport(azure.CreateHttpHandler());
        SecretClient ClientWith(X509Certificate2 certificate) => new(vault.Uri,
            new ClientCertificateCredential(FakeAzureHost.DefaultTenantId, "cert-app", certificate, new ClientCertificateCredentialOptions { Transport = transport }),
            new SecretClientOptions { Transport = transport, Retry = { MaxRetries = 0 } });

        (await ClientWith(registered).GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("by-certificate");
        var refused = await FluentActions.Awaiting(() => ClientWith(other).GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<AuthenticationFailedException>();
        refused.Which.InnerException!.Message.Should().Contain("AADSTS700027");
        azure.Entra.TokenRequests.Should().OnlyContain(t => t.Fields["client_assertion"] == "***"
            && t.Fields["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }

    [Test]
    public async Task AFederatedAssertionIsAcceptedOnlyWhenThePrincipalSaysSo()
    {
        await using var azure = await FakeAzureHost.StartAsync();
        var vault = NewVault(azure);
        vault.SetSecret("s", "federated");
        azure.Entra.AddFederatedServicePrincipal(FakeAzureHost.DefaultTenantId, "wif-app", assertion => assertion == "oidc-token-from-devops");
        using var transport = new HttpClientTransport(azure.CreateHttpHandler());
        SecretClient ClientWith(string assertion) => new(vault.Uri,
            new ClientAssertionCredential(FakeAzureHost.DefaultTenantId, "wif-app", () => assertion, new ClientAssertionCredentialOptions { Transport = transport }),
            new SecretClientOptions { Transport = transport, Retry = { MaxRetries = 0 } });

        (await ClientWith("oidc-token-from-devops").GetSecretAsync("s", cancellationToken: Timeout())).Value.Value.Should().Be("federated");
        var refused = await FluentActions.Awaiting(() => ClientWith("forged").GetSecretAsync("s", cancellationToken: Timeout()))
            .Should().ThrowAsync<AuthenticationFailedException>();
        refused.Which.InnerException!.Message.Should().Contain("AADSTS70021");
    }

    private static FakeKeyVault NewVault(FakeAzureHost azure, FakeVaultOptions? options = null)
    {
        var vault = azure.AddVault("kv" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), options);
        azure.Entra.AddServicePrincipal(vault.Options.TenantId, ClientId, ClientSecret);
        return vault;
    }

    private static TestClient Connect(
        FakeAzureHost azure,
        FakeKeyVault vault,
        string clientId = ClientId,
        string clientSecret = ClientSecret,
        int maxRetries = 3,
        TimeSpan? networkTimeout = null,
        ICredentials? proxyCredentials = null,
        string? authorityHost = null,
        bool disableInstanceDiscovery = false)
    {
        var transport = new HttpClientTransport(azure.CreateHttpHandler(proxyCredentials));
        var credential = new ClientSecretCredential(vault.Options.TenantId, clientId, clientSecret, new ClientSecretCredentialOptions
        {
            Transport = transport,
            AuthorityHost = new Uri(authorityHost ?? vault.Options.AuthorityHost),
            DisableInstanceDiscovery = disableInstanceDiscovery,
            Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(20) },
        });
        var options = new SecretClientOptions
        {
            Transport = transport,
            Retry = { MaxRetries = maxRetries, Delay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(2), NetworkTimeout = networkTimeout ?? TimeSpan.FromSeconds(20) },
        };
        return new TestClient(new SecretClient(vault.Uri, credential, options), transport);
    }

    private static async Task<RequestFailedException> GetFailure(TestClient client, string name)
    {
        var failure = await FluentActions.Awaiting(() => client.Secrets.GetSecretAsync(name, cancellationToken: Timeout()))
            .Should().ThrowAsync<RequestFailedException>();
        return failure.Which;
    }

    private static string? InnerCode(RequestFailedException failure) =>
        ErrorOf(failure).TryGetProperty("innererror", out var inner) ? inner.GetProperty("code").GetString() : null;

    private static string ErrorMessage(RequestFailedException failure) => ErrorOf(failure).GetProperty("message").GetString()!;

    private static JsonElement ErrorOf(RequestFailedException failure) =>
        JsonDocument.Parse(failure.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");

    private static async Task<Exception?> Record(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(HangLimit).Token;

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(HangLimit);
        while (!condition())
        {
            await Task.Delay(20, limit.Token);
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=akvtask-test-app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class TestClient(SecretClient secrets, HttpClientTransport transport) : IDisposable
    {
        public SecretClient Secrets { get; } = secrets;

        public void Dispose() => transport.Dispose();
    }
}
