namespace AkvTask.Secrets;

/// <summary>A secret named exactly in the filter: read directly, never through a listing.</summary>
/// <param name="Name">The secret's name as the filter wrote it (Key Vault names are case-insensitive).</param>
/// <param name="Version">A version id, or null for the current version.</param>
/// <param name="UnderOwnName">Set under the secret's own name (an entry without an alias asked for it).</param>
/// <param name="Aliases">Variable names to set it under besides, from <c>Alias=name</c> entries.</param>
internal sealed record SecretRequest(string Name, string? Version, bool UnderOwnName, IReadOnlyList<string> Aliases)
{
    /// <summary>Written as a file under the secret's own name (a SecretFiles entry without an alias asked for it).</summary>
    public bool FileUnderOwnName { get; init; }

    /// <summary>File names to write it under besides, from <c>Alias=name</c> entries of SecretFiles.</summary>
    public IReadOnlyList<string> FileAliases { get; init; } = [];

    public string Entry => Version is null ? Name : $"{Name}/{Version}";

    /// <summary>
    /// The variables to set, with the name as the vault spells it. An entry <c>name/version</c> sets <c>name</c> and
    /// <c>name/version</c>, as AzureKeyVault@2 does; an alias entry sets its alias only.
    /// </summary>
    public IReadOnlyList<string> Variables(string vaultSpelling) =>
    [
        .. UnderOwnName ? [vaultSpelling] : Array.Empty<string>(),
        .. UnderOwnName && Version is not null ? [$"{vaultSpelling}/{Version}"] : Array.Empty<string>(),
        .. Aliases,
    ];

    /// <summary>The names of the files to write, with the name as the vault spells it (a version never names a file).</summary>
    public IReadOnlyList<string> Files(string vaultSpelling) =>
        [.. FileUnderOwnName ? [vaultSpelling] : Array.Empty<string>(), .. FileAliases];
}
