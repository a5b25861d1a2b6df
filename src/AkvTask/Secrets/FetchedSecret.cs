namespace AkvTask.Secrets;

/// <summary>A secret read from the vault, under the vault's own casing of its name.</summary>
internal sealed record FetchedSecret(string Name, string Value, string? Version, string? ContentType, DateTimeOffset? ExpiresOn)
{
    /// <summary>Never the value: this may end up in a message.</summary>
    public override string ToString() => Name;
}
