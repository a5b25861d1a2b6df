namespace AkvTask.Agent;

/// <summary>Job variables that change how the task writes its output. Read once, before anything else can fail.</summary>
/// <param name="Debug">System.Debug is on: write debug lines.</param>
/// <param name="MultilineSwitch">The agent's switch for multi-line secrets, as the job has it.</param>
/// <param name="TempDirectory">The agent's temporary folder, emptied after the job: where the run summary goes.</param>
internal sealed record JobSettings(bool Debug, MultilineSwitch MultilineSwitch, string? TempDirectory = null)
{
    public static JobSettings Read(AgentEnvironment environment) => new(
        Debug: string.Equals(environment.Get("SYSTEM_DEBUG")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        MultilineSwitch: MultilineSwitch.Read(environment),
        TempDirectory: environment.Get("AGENT_TEMPDIRECTORY"));
}
