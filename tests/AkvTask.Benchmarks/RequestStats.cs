using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.Benchmarks;

/// <summary>What the fake Azure saw during one run, and when, relative to the step's launch.</summary>
/// <param name="Total">Every request: Key Vault, Entra ID, everything.</param>
/// <param name="Retries">Requests that repeated an earlier identical one (method, URL and whether it carried a token).</param>
/// <param name="Throttled">429 answers.</param>
/// <param name="Challenges">Key Vault requests without a token (answered 401 with the challenge).</param>
/// <param name="TokenRequests">Entra ID requests: token, instance discovery, OpenID configuration.</param>
/// <param name="Connections">TLS connections opened (CONNECT tunnels through the agent's proxy).</param>
/// <param name="FirstRequest">Launch to the first request's arrival.</param>
/// <param name="FirstVaultRead">Launch to the first request carrying a token (signing in is done by then).</param>
/// <param name="LastAnswer">Launch to the end of the last answer.</param>
internal sealed record RequestStats(
    int Total,
    int Retries,
    int Throttled,
    int Challenges,
    int TokenRequests,
    int Connections,
    TimeSpan? FirstRequest,
    TimeSpan? FirstVaultRead,
    TimeSpan? LastAnswer)
{
    public static RequestStats From(IReadOnlyList<RequestRecord> records, int connections, DateTimeOffset launchedAt)
    {
        var retries = records
            .GroupBy(r => (r.Method, Host: r.Host.ToLowerInvariant(), r.PathAndQuery, r.HasBearer))
            .Sum(g => g.Count() - 1);
        var vault = records.Where(r => r.VaultName is not null).ToList();
        var authenticated = vault.Where(r => r.HasBearer).ToList();
        return new RequestStats(
            records.Count,
            retries,
            records.Count(r => r.Status == 429),
            vault.Count(r => !r.HasBearer),
            records.Count(r => r.Kind is RequestKind.Token or RequestKind.InstanceDiscovery or RequestKind.OpenIdConfiguration),
            connections,
            records.Count == 0 ? null : records.Min(r => r.Time) - launchedAt,
            authenticated.Count == 0 ? null : authenticated.Min(r => r.Time) - launchedAt,
            records.Count == 0 ? null : records.Max(r => r.Time + r.Duration) - launchedAt);
    }
}
