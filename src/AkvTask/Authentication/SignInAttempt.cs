namespace AkvTask.Authentication;

/// <summary>What the task tried when it signed in: everything here is safe to print, and nothing is a credential.</summary>
/// <param name="ConnectionId">The service connection's id.</param>
/// <param name="TenantId">The tenant signed in to (<c>adfs</c> for Azure Stack Hub with ADFS); null for a managed identity.</param>
/// <param name="ClientId">The application (client) id, or the user-assigned managed identity's client id; null for a system-assigned identity.</param>
/// <param name="AuthorityHost">Where tokens were asked for, e.g. https://login.microsoftonline.com/.</param>
/// <param name="CertificateDescription">For a certificate: its subject, thumbprint and validity (public facts about it).</param>
internal sealed record SignInAttempt(
    string ConnectionId,
    SignInMethod Method,
    string? TenantId,
    string? ClientId,
    Uri AuthorityHost,
    string? CertificateDescription = null)
{
    /// <summary>The method in words, e.g. "service principal with a client secret".</summary>
    public string MethodDescription => Method switch
    {
        SignInMethod.ClientSecret => "service principal with a client secret",
        SignInMethod.ClientCertificate => "service principal with a certificate",
        SignInMethod.ManagedIdentity when ClientId is null => "system-assigned managed identity",
        SignInMethod.ManagedIdentity => $"user-assigned managed identity {ClientId}",
        SignInMethod.WorkloadIdentityFederation => "workload identity federation",
    };
}
