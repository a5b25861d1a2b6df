namespace AkvTask.Secrets;

/// <summary>A secret read from the vault.</summary>
/// <param name="Name">The vault's own spelling of the secret's name.</param>
/// <param name="Variables">The variable names to set it under (before hyphen aliases); none when it is only written as a file.</param>
/// <param name="Requested">Named exactly in the filter, rather than found by listing.</param>
internal sealed record FetchedSecret(
    string Name,
    string Value,
    string? Version,
    string? ContentType,
    DateTimeOffset? NotBefore,
    DateTimeOffset? ExpiresOn,
    IReadOnlyList<string> Variables,
    bool Requested)
{
    /// <summary>The names (secret name or alias, before any extension) of the files to write it as; none when it is only a variable.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Never the value: this may end up in a message.</summary>
    public override string ToString() => Name;
}
