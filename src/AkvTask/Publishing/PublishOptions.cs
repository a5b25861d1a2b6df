using AkvTask.Agent;

namespace AkvTask.Publishing;

/// <summary>How secrets become variables.</summary>
/// <param name="OutputVariables">Also set every variable as an output variable, for later jobs.</param>
/// <param name="MultilineSwitch">The agent's switch for multi-line secrets: on for each such secret, then back to the job's value.</param>
internal sealed record PublishOptions(bool OutputVariables, MultilineSwitch MultilineSwitch);
