namespace AkvTask.Benchmarks;

/// <summary>A scenario's runs, its lower bound, and the figures drawn from them.</summary>
/// <param name="Build">Which build of the task ran (its task folder's name), when builds are compared.</param>
/// <param name="Floor">The median whole step of a run that starts and stops with nothing to do (node and .NET start-up, output).</param>
/// <param name="NetworkBound">The latency model's least time for the scenario's requests (see <see cref="LowerBound"/>).</param>
internal sealed record ScenarioResult(Scenario Scenario, string Build, IReadOnlyList<RunMeasurement> Runs, TimeSpan Floor, TimeSpan NetworkBound)
{
    private IEnumerable<RunMeasurement> Good => Runs.Where(r => r.Delivered);

    public int Delivered => Good.Count();

    public bool AllDelivered => Delivered == Runs.Count;

    public TimeSpan Bound => Floor + NetworkBound;

    public Spread? Wall => Spread.Of(Good.Select(r => r.Step.Wall.TotalSeconds));

    public Spread? FirstRequest => Spread.Of(Good.Select(r => r.Requests.FirstRequest?.TotalSeconds).OfType<double>());

    public Spread? FirstVaultRead => Spread.Of(Good.Select(r => r.Requests.FirstVaultRead?.TotalSeconds).OfType<double>());

    public Spread? LastAnswer => Spread.Of(Good.Select(r => r.Requests.LastAnswer?.TotalSeconds).OfType<double>());

    /// <summary>From the last answer to the step's end: publishing the variables, the summary, and shutting down.</summary>
    public Spread? AfterLastAnswer => Spread.Of(Good
        .Where(r => r.Requests.LastAnswer is not null)
        .Select(r => (r.Step.Wall - r.Requests.LastAnswer!.Value).TotalSeconds));

    public Spread? Requests => Spread.Of(Good.Select(r => (double)r.Requests.Total));

    public Spread? Retries => Spread.Of(Good.Select(r => (double)r.Requests.Retries));

    public Spread? Throttled => Spread.Of(Good.Select(r => (double)r.Requests.Throttled));

    public Spread? Challenges => Spread.Of(Good.Select(r => (double)r.Requests.Challenges));

    public Spread? TokenRequests => Spread.Of(Good.Select(r => (double)r.Requests.TokenRequests));

    public Spread? Connections => Spread.Of(Good.Select(r => (double)r.Requests.Connections));

    public Spread? TaskPeakMiB => Spread.Of(Runs.Select(r => r.Step.TaskPeakKiB / 1024.0).OfType<double>());

    public Spread? Cpu => Spread.Of(Good.Select(r => r.Step.Cpu?.TotalSeconds).OfType<double>());

    public Spread? TreePeakMiB => Spread.Of(Runs.Select(r => r.Step.TreePeakKiB / 1024.0).OfType<double>());

    public double? Ratio => Wall is { } wall ? wall.Median / Bound.TotalSeconds : null;
}
