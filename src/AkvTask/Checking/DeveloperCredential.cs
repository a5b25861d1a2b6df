using AkvTask.Authentication;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AkvTask.Checking;

/// <summary>
/// How <c>AkvTask check</c> signs in: the credentials a developer machine or a build machine has, tried in
/// <c>DefaultAzureCredential</c>'s order: the <c>AZURE_*</c> environment variables (a service principal), workload
/// identity (Kubernetes), the machine's managed identity, and the Azure CLI's sign-in (<c>az login</c>).
/// <c>DefaultAzureCredential</c> itself also tries Visual Studio, Azure PowerShell and the Azure Developer CLI;
/// they would add about half a megabyte to every platform's binary in the package.
/// </summary>
internal static class DeveloperCredential
{
    public const string Description = "environment, workload identity, managed identity or Azure CLI";

    public static TokenCredential Create(string? tenantId, HttpPipelineTransport transport)
    {
        var managedIdentity = new ManagedIdentityCredentialOptions(ManagedIdentityId.SystemAssigned) { Transport = transport };
        TokenCredentialTuning.Apply(managedIdentity);
        return new ChainedTokenCredential(
            new EnvironmentCredential(new EnvironmentCredentialOptions { Transport = transport }),
            new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions { TenantId = tenantId, Transport = transport }),
            new ManagedIdentityCredential(managedIdentity),
            new AzureCliCredential(new AzureCliCredentialOptions { TenantId = tenantId }));
    }
}
