using Azure.Core;

namespace AkvTask.Authentication;

/// <summary>Pipeline options for the task's own requests to Azure DevOps (the OIDC token): same transport, retries and timeouts as token requests.</summary>
internal sealed class AzureDevOpsClientOptions : ClientOptions;
