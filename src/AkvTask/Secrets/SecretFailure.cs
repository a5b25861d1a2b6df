namespace AkvTask.Secrets;

/// <summary>A secret that could not be read.</summary>
internal sealed record SecretFailure(string Name, VaultFailure Failure);
