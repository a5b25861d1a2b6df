namespace AkvTask.Publishing;

/// <summary>Which variables a secret was set under.</summary>
internal sealed record PublishedSecret(string SecretName, IReadOnlyList<string> VariableNames);
