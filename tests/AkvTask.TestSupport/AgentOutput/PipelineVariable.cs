namespace AkvTask.TestSupport.AgentOutput;

/// <summary>A variable the task set, as the rest of the job would see it.</summary>
public sealed record PipelineVariable(string Name, string Value, bool IsSecret, bool IsOutput);
