using AkvTask.Pipeline;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AkvTask.Authentication;

/// <summary>Turns the service connection into the Azure.Identity credential for its scheme.</summary>
internal static class CredentialFactory
{
    public static TokenCredential Create(ServiceConnection connection, CloudEnvironment cloud, HttpPipelineTransport transport)
    {
        if (connection.Scheme.Equals("ServicePrincipal", StringComparison.OrdinalIgnoreCase))
        {
            return ServicePrincipal(connection, cloud, transport);
        }

        throw new TaskInputException(
            $"The service connection uses the '{connection.Scheme}' scheme, which this task does not support. " +
            "Use an Azure Resource Manager connection with a service principal.");
    }

    private static TokenCredential ServicePrincipal(ServiceConnection connection, CloudEnvironment cloud, HttpPipelineTransport transport)
    {
        var tenantId = Required(connection, "tenantid");
        var clientId = Required(connection, "serviceprincipalid");
        var authenticationType = connection.Parameter("authenticationType") ?? "spnKey";

        if (!authenticationType.Equals("spnKey", StringComparison.OrdinalIgnoreCase))
        {
            throw new TaskInputException(
                $"The service connection authenticates with '{authenticationType}', which this task does not support yet. " +
                "Use a service principal with a client secret.");
        }

        var options = new ClientSecretCredentialOptions { AuthorityHost = cloud.AuthorityHost, Transport = transport };
        TokenCredentialTuning.Apply(options);
        return new ClientSecretCredential(tenantId, clientId, Required(connection, "serviceprincipalkey"), options);
    }

    private static string Required(ServiceConnection connection, string key) =>
        connection.Parameter(key)
        ?? throw new TaskInputException($"The service connection '{connection.Id}' lacks its '{key}' parameter. Edit the service connection and save it again.");
}
