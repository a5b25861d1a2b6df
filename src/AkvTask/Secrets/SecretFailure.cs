namespace AkvTask.Secrets;

/// <summary>A secret that could not be read.</summary>
/// <param name="Name">The secret's name, with its version if one was asked for.</param>
/// <param name="Requested">Named exactly in the filter, rather than found by listing.</param>
/// <param name="Suggestions">For a secret that does not exist: the vault's closest names, if it could be listed.</param>
internal sealed record SecretFailure(string Name, VaultFailure Failure, bool Requested = true, IReadOnlyList<string>? Suggestions = null);
