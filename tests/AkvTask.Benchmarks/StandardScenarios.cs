namespace AkvTask.Benchmarks;

/// <summary>The scenarios issue 6 asks for, and two that match the incumbent's published figures.</summary>
internal static class StandardScenarios
{
    public const string OneByName = "1 by name";
    public const string FiftyByName = "50 by name";
    public const string Wildcard1000 = "* over 1000 @ 20 ms";
    public const string Wildcard1000Quota = "* over 1000 @ 20 ms, 200 req/s";
    public const string Large100 = "100 x 25 KB";
    public const string Wildcard400 = "* over 400 @ 20 ms";
    public const string Wildcard300Quota = "* over 300, 60 req/s";

    private const int LargeValue = 25 * 1024;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(20);

    public static IReadOnlyList<Scenario> Full { get; } =
    [
        new(OneByName, 50, 1, 32, TimeSpan.Zero, null, 1, Runs: 15),
        new(FiftyByName, 50, 50, 32, TimeSpan.Zero, null, 1, Runs: 10),
        new(Wildcard1000, 1000, null, 32, Latency, null, 1, Runs: 7),
        new(Wildcard1000Quota, 1000, null, 32, Latency, 200, 1, Runs: 5),
        new(Large100, 100, null, LargeValue, TimeSpan.Zero, null, 1, Runs: 10),
        new(Wildcard400, 400, null, 32, Latency, null, 1, Runs: 5),
        new(Wildcard300Quota, 300, null, 32, TimeSpan.Zero, 60, 1, Runs: 3),
    ];

    /// <summary>The five scenarios with fewer runs: a check in well under a minute, not figures to publish.</summary>
    public static IReadOnlyList<Scenario> Quick { get; } =
    [
        .. Full.Take(5).Select(s => s with { Runs = s.Name == OneByName ? 5 : s.QuotaRps is null ? 3 : 2 }),
    ];
}
