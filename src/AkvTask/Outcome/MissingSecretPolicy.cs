namespace AkvTask.Outcome;

/// <summary>What a secret named exactly in the filter that does not exist does to the run (input OnMissingSecret).</summary>
internal enum MissingSecretPolicy
{
    Fail,
    Warn,
}
