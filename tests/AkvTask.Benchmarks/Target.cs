namespace AkvTask.Benchmarks;

/// <summary>
/// A figure the task must reach on the benchmark machine (issue 10), judged on one build's results and node's bare
/// start measured in the same run. The benchmark reports; it never fails on time.
/// </summary>
internal sealed record Target(string Description, Func<IReadOnlyList<ScenarioResult>, Spread, bool?> IsMet)
{
    public const double NodeStartFactor = 5;

    public static IReadOnlyList<Target> All { get; } =
    [
        new("1 secret by name: whole step at most 0.30 s (median)",
            (results, _) => Find(results, StandardScenarios.OneByName) is { Wall: { } wall } ? wall.Median <= 0.30 : null),
        new($"1 secret by name: whole step at most {NodeStartFactor:0}x node's bare start (medians)",
            (results, node) => Find(results, StandardScenarios.OneByName) is { Wall: { } wall } ? wall.Median <= NodeStartFactor * node.Median : null),
        new("* over 1,000 at 20 ms: within 1.3x of the lower bound",
            (results, _) => Find(results, StandardScenarios.Wildcard1000) is { Ratio: { } ratio } ? ratio <= 1.3 : null),
        new("* over 1,000 at 20 ms with 200 requests/s: no failure, within 1.3x of the quota's bound",
            (results, _) => Find(results, StandardScenarios.Wildcard1000Quota) is { } r ? r.AllDelivered && r.Ratio <= 1.3 : null),
        new("peak memory of the task at most 50 MB in every scenario",
            (results, _) => results.Count == 0 ? null : results.All(r => Report.PeakMegabytes(r) is <= 50)),
    ];

    private static ScenarioResult? Find(IReadOnlyList<ScenarioResult> results, string name) =>
        results.FirstOrDefault(r => r.Scenario.Name == name);
}
