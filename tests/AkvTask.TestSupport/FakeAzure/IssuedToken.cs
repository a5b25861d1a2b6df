namespace AkvTask.TestSupport.FakeAzure;

/// <summary>An access token the fake Entra ID handed out; Key Vault accepts only these.</summary>
/// <param name="AuthorityHost">The host that issued it, e.g. <c>login.microsoftonline.com</c>.</param>
/// <param name="Scope">The <c>/.default</c> scope it was asked for, e.g. <c>https://vault.azure.net/.default</c>.</param>
public sealed record IssuedToken(
    string AccessToken,
    string AuthorityHost,
    string TenantId,
    string ClientId,
    string Scope,
    DateTimeOffset ExpiresOn);
