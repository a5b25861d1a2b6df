namespace AkvTask.Publishing;

/// <summary>How secrets become variables.</summary>
/// <param name="HyphenAliases">Also set a secret whose name has '-' under the name with '_'.</param>
/// <param name="OutputVariables">Also set every variable as an output variable, for later jobs.</param>
/// <param name="JobMultilineSetting">The job's value of SYSTEM_UNSAFEALLOWMULTILINESECRET, restored after each multi-line secret.</param>
internal sealed record PublishOptions(bool HyphenAliases, bool OutputVariables, string? JobMultilineSetting);
