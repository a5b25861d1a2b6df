using System.Collections.Concurrent;
using AkvTask.Secrets;
using Azure;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.Tests.Fakes;

/// <summary>
/// The SDK's vault client with its network calls replaced (the SDK makes them virtual for this), so the
/// fetcher's own logic can be tested: ordering, concurrency, failures.
/// </summary>
internal sealed class FakeSecretClient : SecretClient
{
    private static readonly Uri Vault = new("https://unit.vault.azure.net/");
    private readonly Dictionary<string, (string Name, string Value, bool Enabled, DateTimeOffset? Expires, DateTimeOffset? NotBefore)> _secrets =
        new(StringComparer.OrdinalIgnoreCase);
    private int _inFlight;

    public Dictionary<string, Func<Exception>> Failures { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Task> Gates { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Exception? ListFailure { get; set; }

    public int PageSize { get; set; } = 25;

    public ConcurrentQueue<string> Gets { get; } = new();

    public int ListCalls { get; private set; }

    public int MaxInFlight { get; private set; }

    public bool ListForbidden { get; set; }

    public ConcurrentQueue<string?> Versions { get; } = new();

    /// <summary>
    /// For the fetcher: this client meets no sign-in challenge, so nothing would open the fetcher's gate before the
    /// first answer. Open it at once, and every worker goes from the start.
    /// </summary>
    public Func<SignInGate, ThrottlePause, SecretClient> Unchallenged() => (signIn, _) =>
    {
        signIn.Open();
        return this;
    };

    public void Add(string name, string value, bool enabled = true, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null) =>
        _secrets[name] = (name, value, enabled, expires, notBefore);

    public override async Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Gets.Enqueue(name);
        Versions.Enqueue(version);
        var inFlight = Interlocked.Increment(ref _inFlight);
        lock (Gets)
        {
            MaxInFlight = Math.Max(MaxInFlight, inFlight);
        }

        try
        {
            await Task.Yield();
            if (Gates.TryGetValue(name, out var gate))
            {
                await gate.WaitAsync(cancellationToken);
            }

            if (Failures.TryGetValue(name, out var failure))
            {
                throw failure();
            }

            if (!_secrets.TryGetValue(name, out var secret))
            {
                throw FakeResponse.Failure(404, """{"error":{"code":"SecretNotFound","message":"A secret with (name/id) x was not found in this key vault."}}""");
            }

            var properties = SecretModelFactory.SecretProperties(
                id: new Uri(Vault, $"secrets/{secret.Name}/0123456789abcdef0123456789abcdef"), vaultUri: Vault, name: secret.Name,
                version: version ?? "0123456789abcdef0123456789abcdef");
            properties.ExpiresOn = secret.Expires;
            properties.NotBefore = secret.NotBefore;
            return Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, secret.Value), new FakeResponse(200));
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public override AsyncPageable<SecretProperties> GetPropertiesOfSecretsAsync(CancellationToken cancellationToken = default)
    {
        ListCalls++;
        if (ListForbidden)
        {
            return AsyncPageable<SecretProperties>.FromPages(FailingPages(FakeResponse.Failure(403,
                """{"error":{"code":"Forbidden","message":"no list","innererror":{"code":"AccessDenied"}}}""")));
        }

        if (ListFailure is { } failure)
        {
            return AsyncPageable<SecretProperties>.FromPages(FailingPages(failure));
        }

        var pages = _secrets.Values
            .Select(secret =>
            {
                var properties = SecretModelFactory.SecretProperties(new Uri(Vault, "secrets/" + secret.Name), Vault, secret.Name);
                properties.Enabled = secret.Enabled;
                properties.ExpiresOn = secret.Expires;
                properties.NotBefore = secret.NotBefore;
                return properties;
            })
            .Chunk(PageSize)
            .Select((chunk, index) => Page<SecretProperties>.FromValues(chunk, continuationToken: $"page{index + 1}", new FakeResponse(200)))
            .ToList();
        return AsyncPageable<SecretProperties>.FromPages(pages);
    }

    private static IEnumerable<Page<SecretProperties>> FailingPages(Exception failure)
    {
        yield return Page<SecretProperties>.FromValues([], "next", new FakeResponse(200));
        throw failure;
    }
}
