namespace AkvTask.Benchmarks;

/// <summary>A figure the task must reach on the benchmark machine (issue 6). The benchmark reports; it never fails on time.</summary>
internal sealed record Target(string Description, Func<IReadOnlyList<ScenarioResult>, bool?> IsMet)
{
    public static IReadOnlyList<Target> All { get; } =
    [
        new("1 secret by name: whole step under 0.35 s (median)",
            results => Find(results, StandardScenarios.OneByName) is { Wall: { } wall } ? wall.Median < 0.35 : null),
        new("* over 1,000 at 20 ms: within 1.5x of the lower bound",
            results => Find(results, StandardScenarios.Wildcard1000) is { Ratio: { } ratio } ? ratio <= 1.5 : null),
        new("* over 1,000 at 20 ms with 200 requests/s: no failure, within 1.3x of the quota's bound",
            results => Find(results, StandardScenarios.Wildcard1000Quota) is { } r ? r.AllDelivered && r.Ratio <= 1.3 : null),
        new("peak memory of the task under 100 MB in every scenario",
            results => results.Count == 0 ? null : results.All(r => Report.PeakMegabytes(r) is < 100)),
    ];

    private static ScenarioResult? Find(IReadOnlyList<ScenarioResult> results, string name) =>
        results.FirstOrDefault(r => r.Scenario.Name == name);
}
