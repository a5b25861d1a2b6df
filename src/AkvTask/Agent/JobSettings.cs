namespace AkvTask.Agent;

/// <summary>Job variables that change how the task writes its output.</summary>
/// <param name="Debug">System.Debug is on: write debug lines.</param>
/// <param name="UnsafeAllowMultilineSecret">
/// The job's own value of SYSTEM_UNSAFEALLOWMULTILINESECRET, put back after each multi-line secret.
/// </param>
/// <param name="TempDirectory">The agent's temporary folder, emptied after the job: where the run summary goes.</param>
internal sealed record JobSettings(bool Debug, string? UnsafeAllowMultilineSecret, string? TempDirectory = null)
{
    public static JobSettings Read(AgentEnvironment environment) => new(
        Debug: string.Equals(environment.Get("SYSTEM_DEBUG")?.Trim(), "true", StringComparison.OrdinalIgnoreCase),
        UnsafeAllowMultilineSecret: environment.Get("SYSTEM_UNSAFEALLOWMULTILINESECRET"),
        TempDirectory: environment.Get("AGENT_TEMPDIRECTORY"));
}
