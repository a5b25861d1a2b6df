using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.TaskRunning;

/// <summary>One run of the task as the agent would start it, and what came out.</summary>
public sealed record TaskRun(int ExitCode, string StandardOutput, string StandardError, AgentLog Log)
{
    /// <summary>Both streams: the agent runs commands from either.</summary>
    public string AllOutput => StandardOutput + "\n" + StandardError;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
