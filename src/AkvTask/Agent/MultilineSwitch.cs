namespace AkvTask.Agent;

/// <summary>
/// The agent's switch for secrets that hold its OS's newline: it refuses to set one unless the job variable
/// SYSTEM_UNSAFEALLOWMULTILINESECRET is true when the command is processed.
/// </summary>
/// <param name="JobValue">The job's own value of the switch, put back after each multi-line secret; null when it has none.</param>
internal sealed record MultilineSwitch(string? JobValue)
{
    public const string Variable = "SYSTEM_UNSAFEALLOWMULTILINESECRET";

    public static MultilineSwitch Read(AgentEnvironment environment) => new(environment.Get(Variable));
}
