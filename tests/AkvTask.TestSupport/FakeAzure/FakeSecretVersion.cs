namespace AkvTask.TestSupport.FakeAzure;

/// <summary>One version of a secret as the fake vault holds it.</summary>
/// <param name="Name">The name with the casing it was stored under.</param>
/// <param name="Version">32 lowercase hex digits.</param>
/// <param name="Managed">Backed by a Key Vault certificate: answers carry <c>kid</c> and <c>managed</c>.</param>
public sealed record FakeSecretVersion(
    string Name,
    string Version,
    string Value,
    bool Enabled,
    DateTimeOffset? NotBefore,
    DateTimeOffset? Expires,
    string? ContentType,
    IReadOnlyDictionary<string, string>? Tags,
    bool Managed,
    DateTimeOffset Created,
    DateTimeOffset Updated);
