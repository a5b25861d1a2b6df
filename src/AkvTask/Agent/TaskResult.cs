namespace AkvTask.Agent;

/// <summary>The results <c>task.complete</c> accepts; the names are written as they are, and the agent is case-sensitive.</summary>
internal enum TaskResult
{
    Succeeded,
    SucceededWithIssues,
    Failed,
    Skipped,
}
