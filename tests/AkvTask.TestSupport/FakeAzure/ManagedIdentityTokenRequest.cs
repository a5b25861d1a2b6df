namespace AkvTask.TestSupport.FakeAzure;

/// <summary>One call to the fake instance metadata endpoint.</summary>
/// <param name="ClientId">The user-assigned identity asked for; null for the system-assigned one.</param>
/// <param name="MetadataHeader">The <c>Metadata</c> header, which IMDS requires to be <c>true</c>.</param>
public sealed record ManagedIdentityTokenRequest(
    string Method,
    string Path,
    string? ApiVersion,
    string? Resource,
    string? ClientId,
    string? MetadataHeader,
    int Status);
