namespace AkvTask.Agent;

/// <summary>Which of the task's entry points the agent started: the job's step, the pre-job step or the post-job step.</summary>
internal enum ExecutionStage
{
    Job,
    PreJob,

    /// <summary>At the end of the job, whatever its result: removes the files the other stages wrote.</summary>
    PostJob,
}
