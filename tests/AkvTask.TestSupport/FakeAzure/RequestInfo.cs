namespace AkvTask.TestSupport.FakeAzure;

/// <summary>What the fake knows about one request when it decides how to answer it (see <see cref="FaultRules"/>).</summary>
/// <param name="Path">The unescaped path, e.g. <c>/secrets/Name/0123abcd...</c>.</param>
/// <param name="Query">The query string with its leading <c>?</c>, or empty.</param>
/// <param name="ClientId">The application the bearer token was issued to; null without a valid token.</param>
public sealed record RequestInfo(
    DateTimeOffset Time,
    string Method,
    string Host,
    string Path,
    string Query,
    RequestKind Kind,
    bool HasBearer,
    string? VaultName = null,
    string? SecretName = null,
    string? SecretVersion = null,
    string? ClientId = null)
{
    public string PathAndQuery => Path + Query;
}
