namespace AkvTask.Publishing;

/// <summary>How secrets become variables.</summary>
/// <param name="OutputVariables">Also set every variable as an output variable, for later jobs.</param>
/// <param name="JobMultilineSetting">The job's value of SYSTEM_UNSAFEALLOWMULTILINESECRET, restored after each multi-line secret.</param>
internal sealed record PublishOptions(bool OutputVariables, string? JobMultilineSetting);
