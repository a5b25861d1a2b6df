using System.Globalization;
using System.Text;

namespace AkvTask.Benchmarks;

/// <summary>
/// Every request of a scenario's last run as CSV, in milliseconds from the step's launch: for finding where the time
/// goes (sign-in, gaps, pauses, the tail after the last answer).
/// </summary>
internal static class Timeline
{
    public static void Append(string path, ScenarioResult result)
    {
        var last = result.Runs[^1];
        var text = new StringBuilder();
        if (!File.Exists(path))
        {
            text.AppendLine("build,scenario,start_ms,end_ms,method,host,kind,status,bearer,secret");
        }

        foreach (var r in last.Log.OrderBy(r => r.Time))
        {
            var start = (r.Time - last.Step.LaunchedAt).TotalMilliseconds;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Build},\"{result.Scenario.Name}\",{start:0.0},{start + r.Duration.TotalMilliseconds:0.0},{r.Method},{r.Host},{r.Kind},{r.Status},{r.HasBearer},{r.SecretName}"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Build},\"{result.Scenario.Name}\",{last.Step.Wall.TotalMilliseconds:0.0},{last.Step.Wall.TotalMilliseconds:0.0},,,StepEnd,{last.Step.ExitCode},,"));
        File.AppendAllText(path, text.ToString());
    }
}
