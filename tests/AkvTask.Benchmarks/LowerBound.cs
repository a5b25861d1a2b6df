using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.Benchmarks;

/// <summary>
/// The least time the network part of a step can take against the fake, from its latency model: every request costs
/// at least the latency the fake adds to it, and nothing else costs anything.
/// <list type="bullet">
/// <item>Signing in is three round trips one after the other: the vault's challenge (the first request, sent without a
/// token and answered 401), Entra ID's instance discovery, and the token request.</item>
/// <item>Listing pages come one after the other (each names the next), 25 secrets a page.</item>
/// <item>Gets overlap up to the task's concurrency; a secret's get can start once the page naming it has arrived.</item>
/// <item>A quota of Q authenticated vault requests per one-second window (the fake's windows start at the first request
/// after the previous window has run out) lets request number R through no sooner than floor((R-1)/Q) seconds after
/// the first one.</item>
/// </list>
/// </summary>
internal static class LowerBound
{
    private const int SignInRoundTrips = 3;

    public static int ListPages(Scenario scenario) =>
        scenario.ByName is null ? (scenario.SecretCount + FakeKeyVault.MaxPageSize - 1) / FakeKeyVault.MaxPageSize : 0;

    /// <summary>Authenticated vault requests the step needs at the least: every list page and one get per secret.</summary>
    public static int VaultRequests(Scenario scenario) => ListPages(scenario) + scenario.ExpectedNames.Count;

    public static TimeSpan Network(Scenario scenario, int concurrency)
    {
        var latency = scenario.Latency.TotalSeconds;
        var signedIn = SignInRoundTrips * latency;
        var gets = scenario.ExpectedNames.Count;

        // When each get can start: all at once when named; as their page arrives when listed.
        var releases = new List<double>(gets);
        if (scenario.ByName is null)
        {
            var pages = ListPages(scenario);
            for (var page = 1; page <= pages; page++)
            {
                var arrives = signedIn + page * latency;
                var onPage = Math.Min(FakeKeyVault.MaxPageSize, gets - (page - 1) * FakeKeyVault.MaxPageSize);
                releases.AddRange(Enumerable.Repeat(arrives, onPage));
            }
        }
        else
        {
            releases.AddRange(Enumerable.Repeat(signedIn, gets));
        }

        // Equal-length jobs on identical workers, earliest release first: the greedy schedule is the shortest one.
        var workers = new PriorityQueue<int, double>();
        for (var i = 0; i < Math.Max(1, concurrency); i++)
        {
            workers.Enqueue(i, signedIn);
        }

        var finish = signedIn + ListPages(scenario) * latency;
        foreach (var release in releases)
        {
            workers.TryDequeue(out var worker, out var free);
            var done = Math.Max(free, release) + latency;
            finish = Math.Max(finish, done);
            workers.Enqueue(worker, done);
        }

        if (scenario.QuotaRps is { } quota)
        {
            // The first authenticated request is counted on arrival, one latency after it was sent.
            var lastCounted = signedIn + latency + Math.Floor((VaultRequests(scenario) - 1) / (double)quota);
            finish = Math.Max(finish, lastCounted);
        }

        return TimeSpan.FromSeconds(finish);
    }
}
