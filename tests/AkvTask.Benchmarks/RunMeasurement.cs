namespace AkvTask.Benchmarks;

/// <summary>One measured run: its cost, what the fake saw, and whether it delivered every secret.</summary>
/// <param name="Log">Every request the fake saw during the run.</param>
/// <param name="Problem">Why the run does not count (a failure is never fast); null when every secret arrived intact.</param>
internal sealed record RunMeasurement(StepRun Step, RequestStats Requests, IReadOnlyList<AkvTask.TestSupport.FakeAzure.RequestRecord> Log, string? Problem)
{
    public bool Delivered => Problem is null;
}
