using AkvTask.Agent;
using AkvTask.Authentication;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AkvTask.Checking;

/// <summary>
/// How <c>AkvTask check</c> signs in: the credentials a developer machine or a build machine has, tried in
/// <c>DefaultAzureCredential</c>'s order: a service principal in the <c>AZURE_*</c> environment variables, workload
/// identity (Kubernetes), the machine's managed identity, and the Azure CLI's sign-in (<c>az login</c>).
/// <c>DefaultAzureCredential</c> itself also tries Visual Studio, Azure PowerShell and the Azure Developer CLI, and its
/// environment credential also user names and passwords; they would add to every platform's binary in the package.
/// </summary>
internal static class DeveloperCredential
{
    public const string Description = "environment, workload identity, managed identity or Azure CLI";

    public static TokenCredential Create(AgentEnvironment environment, string? tenantId, HttpPipelineTransport transport)
    {
        var managedIdentity = new ManagedIdentityCredentialOptions(ManagedIdentityId.SystemAssigned) { Transport = transport };
        TokenCredentialTuning.Apply(managedIdentity);
        TokenCredential[] chain =
        [
            .. ServicePrincipal(environment, transport),
            new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions { TenantId = tenantId, Transport = transport }),
            new ManagedIdentityCredential(managedIdentity),
            new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenantId }),
        ];
        return new ChainedTokenCredential(chain);
    }

    /// <summary>AZURE_TENANT_ID and AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, as the SDKs read them.</summary>
    private static IEnumerable<TokenCredential> ServicePrincipal(AgentEnvironment environment, HttpPipelineTransport transport)
    {
        if (environment.Get("AZURE_TENANT_ID") is not { } tenantId || environment.Get("AZURE_CLIENT_ID") is not { } clientId)
        {
            yield break;
        }

        var authority = environment.Get("AZURE_AUTHORITY_HOST") is { } host ? new Uri(host) : AzureAuthorityHosts.AzurePublicCloud;
        if (environment.Get("AZURE_CLIENT_SECRET") is { } secret)
        {
            yield return new ClientSecretCredential(tenantId, clientId, secret, new ClientSecretCredentialOptions { AuthorityHost = authority, Transport = transport });
        }
        else if (environment.Get("AZURE_CLIENT_CERTIFICATE_PATH") is { } path)
        {
            yield return new ClientCertificateCredential(tenantId, clientId, path, new ClientCertificateCredentialOptions { AuthorityHost = authority, Transport = transport });
        }
    }
}
