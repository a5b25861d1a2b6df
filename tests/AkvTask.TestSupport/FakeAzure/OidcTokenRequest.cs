namespace AkvTask.TestSupport.FakeAzure;

/// <summary>One call to the fake Azure DevOps OIDC token endpoint.</summary>
/// <param name="Hub">The hub of the plan (build or release), when the path was the OIDC endpoint's.</param>
/// <param name="BearerAccepted">The request carried the job's access token as its bearer.</param>
public sealed record OidcTokenRequest(
    string Method,
    string Path,
    string Query,
    string? Hub,
    string? ServiceConnectionId,
    string? ApiVersion,
    bool BearerAccepted,
    int Status);
