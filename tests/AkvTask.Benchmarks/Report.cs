using System.Globalization;
using System.Text;

namespace AkvTask.Benchmarks;

/// <summary>Turns scenario results into the detailed console report and the README's table.</summary>
internal static class Report
{
    private const double BytesPerMegabyte = 1_000_000;

    public static void WriteDetails(TextWriter output, ScenarioResult result)
    {
        var s = result.Scenario;
        output.WriteLine($"   delivered every secret in {result.Delivered} of {result.Runs.Count} runs");
        foreach (var failed in result.Runs.Where(r => !r.Delivered).Take(3))
        {
            output.WriteLine($"   FAILED RUN: {failed.Problem}");
        }

        output.WriteLine(Invariant($"   whole step           {Seconds(result.Wall)}"));
        output.WriteLine(Invariant($"   CPU time             {Seconds(result.Cpu)} (node and the task, user + system)"));
        output.WriteLine(Invariant($"   lower bound          {result.Bound.TotalSeconds:0.000} s = start-up floor {result.Floor.TotalSeconds:0.000} s + network {result.NetworkBound.TotalSeconds:0.000} s; measured/bound {Ratio(result)}"));
        output.WriteLine(Invariant($"   first request        {Seconds(result.FirstRequest)} after launch"));
        output.WriteLine(Invariant($"   first vault read     {Seconds(result.FirstVaultRead)} (signed in)"));
        output.WriteLine(Invariant($"   last answer          {Seconds(result.LastAnswer)}; then {Seconds(result.AfterLastAnswer)} to the step's end"));
        output.WriteLine(Invariant($"   requests             {Count(result.Requests)} (least possible {LeastRequests(s)}); retries {Count(result.Retries)}; 429s {Count(result.Throttled)}"));
        output.WriteLine(Invariant($"   of them              challenges {Count(result.Challenges)}, Entra ID {Count(result.TokenRequests)}; TLS connections {Count(result.Connections)}"));
        output.WriteLine(Invariant($"   peak memory          task {Megabytes(result.TaskPeakMiB)}; largest process of the step (kernel's count) {Megabytes(result.TreePeakMiB)}"));
    }

    /// <summary>The table for the README: one row per scenario, medians with their range.</summary>
    public static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var builds = results.Select(r => r.Build).Distinct().Count() > 1;
        var table = new StringBuilder();
        table.AppendLine((builds ? "| Build " : "") + "| Scenario | Runs ok | Whole step, s | First request, s | Requests | Retries | 429s | Peak memory, MB | Lower bound, s | Measured / bound |");
        table.AppendLine((builds ? "|---" : "") + "|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            table.AppendLine((builds ? $"| {r.Build} " : "") + Invariant(
                $"| {r.Scenario.Name} | {r.Delivered}/{r.Runs.Count} | {Plain(r.Wall, "0.000")} | {Plain(r.FirstRequest, "0.000")} | {Plain(r.Requests, "0")} | {Plain(r.Retries, "0")} | {Plain(r.Throttled, "0")} | {Plain(Scale(r.TaskPeakMiB), "0")} | {r.Bound.TotalSeconds:0.000} | {Ratio(r)} |"));
        }

        return table.ToString();
    }

    public static string LeastRequests(Scenario s) =>
        // challenge, instance discovery, token; then the list pages and one get per secret
        (3 + LowerBound.VaultRequests(s)).ToString(CultureInfo.InvariantCulture);

    public static string Ratio(ScenarioResult result) => result.Ratio is { } ratio ? Invariant($"{ratio:0.00}") : "n/a";

    public static double? PeakMegabytes(ScenarioResult result) => Scale(result.TaskPeakMiB)?.Max;

    private static string Seconds(Spread? spread) => spread is null ? "n/a" : spread.Format("0.000") + " s";

    private static string Count(Spread? spread) => spread is null ? "n/a" : spread.Format("0");

    private static string Megabytes(Spread? mebibytes) => Scale(mebibytes) is { } mb ? mb.Format("0.0") + " MB" : "n/a";

    private static string Plain(Spread? spread, string format) => spread?.Format(format) ?? "n/a";

    private static Spread? Scale(Spread? mebibytes)
    {
        const double Factor = 1024 * 1024 / BytesPerMegabyte;
        return mebibytes is null ? null : new Spread(mebibytes.Median * Factor, mebibytes.Min * Factor, mebibytes.Max * Factor, mebibytes.Count);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
