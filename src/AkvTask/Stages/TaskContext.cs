using AkvTask.Agent;

namespace AkvTask.Stages;

/// <summary>Everything the task needs from the agent to do its work, read once from the environment (the job's output settings are read before, in <see cref="JobSettings"/>).</summary>
internal sealed record TaskContext(
    ExecutionStage Stage,
    TaskInputs Inputs,
    ServiceConnection Connection,
    NetworkSettings Network,
    JobIdentity JobIdentity)
{
    public static TaskContext Read(AgentEnvironment environment, ExecutionStage stage)
    {
        var inputs = TaskInputs.Read(environment);
        return new TaskContext(
            stage,
            inputs,
            ServiceConnection.Read(environment, inputs.ConnectedServiceName),
            AgentNetwork.Read(environment),
            JobIdentity.Read(environment));
    }

    /// <summary>The agent starts both entry points for every use of the task; only one of them does the work.</summary>
    public string? SkipReason => (Stage, Inputs.RunAsPreJob) switch
    {
        (ExecutionStage.Job, true) => "The secrets were read before the job started (RunAsPreJob is true).",
        (ExecutionStage.PreJob, false) => "The secrets are read by the task's step in the job (RunAsPreJob is false).",
        _ => null,
    };
}
