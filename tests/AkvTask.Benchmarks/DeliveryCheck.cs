using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.Benchmarks;

/// <summary>Reads the step's output as the agent would and checks that every expected secret arrived, masked and intact.</summary>
internal static class DeliveryCheck
{
    /// <returns>Null when the step succeeded and delivered every secret; otherwise what went wrong.</returns>
    public static string? Problem(StepRun run, Scenario scenario, IReadOnlyDictionary<string, string> expected)
    {
        if (run.TimedOut)
        {
            return "timed out";
        }

        // The agent runs commands from stderr too; the order across the two streams is not kept.
        var log = AgentLog.Parse(run.StandardOutput + "\n" + run.StandardError);
        if (run.ExitCode != 0 || log.Result != "Succeeded")
        {
            var why = log.Errors.FirstOrDefault() ?? log.ResultMessage ?? run.StandardError.Trim();
            return $"exit {run.ExitCode}, result {log.Result ?? "(none)"}: {Shorten(why)}";
        }

        var missing = 0;
        var wrong = 0;
        foreach (var (name, value) in expected)
        {
            if (!log.Variables.TryGetValue(name, out var variable))
            {
                missing++;
            }
            else if (!variable.IsSecret || variable.Value != value)
            {
                wrong++;
            }
        }

        return missing + wrong == 0 ? null : $"{missing} of {scenario.ExpectedNames.Count} secrets missing, {wrong} not secret or changed";
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
