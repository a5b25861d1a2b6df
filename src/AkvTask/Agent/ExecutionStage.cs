namespace AkvTask.Agent;

/// <summary>Which of the task's two entry points the agent started: the job's step or the pre-job step.</summary>
internal enum ExecutionStage
{
    Job,
    PreJob,
}
