namespace AkvTask.TestSupport.FakeAzure;

/// <summary>One call to the token endpoint.</summary>
/// <param name="Fields">The form fields; <c>client_secret</c> and <c>client_assertion</c> values are replaced by <c>***</c>.</param>
/// <param name="Error">The OAuth error answered (e.g. <c>invalid_client</c>), or null when a token was issued.</param>
public sealed record TokenRequest(
    DateTimeOffset Time,
    string Host,
    string Tenant,
    IReadOnlyDictionary<string, string> Fields,
    int Status,
    string? Error)
{
    public string? GrantType => Fields.GetValueOrDefault("grant_type");

    public string? ClientId => Fields.GetValueOrDefault("client_id");

    public string? Scope => Fields.GetValueOrDefault("scope");
}
