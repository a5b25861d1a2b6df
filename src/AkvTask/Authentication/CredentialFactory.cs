using AkvTask.Agent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AkvTask.Authentication;

/// <summary>
/// Turns the service connection into the Azure.Identity credential for its scheme and cloud. Every credential uses the
/// shared transport (the agent's proxy and certificate authorities), and none writes anything to disk.
/// </summary>
internal static class CredentialFactory
{
    /// <summary>The schemes this task can sign in with, in words for error messages.</summary>
    public const string SupportedSchemes =
        "WorkloadIdentityFederation, ServicePrincipal (with a client secret or a certificate) and ManagedServiceIdentity";

    public static ConnectionCredential Create(ServiceConnection connection, CloudEnvironment cloud, JobIdentity job, HttpPipelineTransport transport) =>
        MethodOf(connection) switch
        {
            SignInMethod.ClientSecret => ClientSecret(connection, cloud, transport),
            SignInMethod.ClientCertificate => ClientCertificate(connection, cloud, transport),
            SignInMethod.ManagedIdentity => ManagedIdentity(connection, cloud, transport),
            SignInMethod.WorkloadIdentityFederation => WorkloadIdentityFederation(connection, cloud, job, transport),
        };

    /// <summary>The sign-in method the connection's scheme (and, for a service principal, its authenticationType) asks for.</summary>
    public static SignInMethod MethodOf(ServiceConnection connection)
    {
        var scheme = connection.Scheme.Trim();
        if (scheme.Equals("ServicePrincipal", StringComparison.OrdinalIgnoreCase))
        {
            var authenticationType = connection.Parameter("authenticationType")?.Trim() ?? "spnKey";
            if (authenticationType.Equals("spnKey", StringComparison.OrdinalIgnoreCase))
            {
                return SignInMethod.ClientSecret;
            }

            if (authenticationType.Equals("spnCertificate", StringComparison.OrdinalIgnoreCase))
            {
                return SignInMethod.ClientCertificate;
            }

            throw new TaskInputException(
                $"The service connection '{connection.Id}' is a service principal with authenticationType '{authenticationType}', which this task " +
                "does not know. It signs in with spnKey (a client secret) or spnCertificate (a certificate).");
        }

        if (scheme.Equals("ManagedServiceIdentity", StringComparison.OrdinalIgnoreCase))
        {
            return SignInMethod.ManagedIdentity;
        }

        if (scheme.Equals("WorkloadIdentityFederation", StringComparison.OrdinalIgnoreCase))
        {
            return SignInMethod.WorkloadIdentityFederation;
        }

        throw new TaskInputException(
            $"The service connection '{connection.Id}' uses the '{connection.Scheme}' scheme, which this task cannot sign in with. " +
            $"Use an Azure Resource Manager service connection with one of these schemes: {SupportedSchemes}.");
    }

    private static ConnectionCredential ClientSecret(ServiceConnection connection, CloudEnvironment cloud, HttpPipelineTransport transport)
    {
        var (tenantId, clientId) = ServicePrincipal(connection, cloud);
        var secret = Required(connection, "serviceprincipalkey");
        var options = Tuned(new ClientSecretCredentialOptions { DisableInstanceDiscovery = !cloud.UsesInstanceDiscovery }, cloud, transport);
        return new ConnectionCredential(
            new ClientSecretCredential(tenantId, clientId, secret, options),
            new SignInAttempt(connection.Id, SignInMethod.ClientSecret, tenantId, clientId, cloud.AuthorityHost));
    }

    private static ConnectionCredential ClientCertificate(ServiceConnection connection, CloudEnvironment cloud, HttpPipelineTransport transport)
    {
        var (tenantId, clientId) = ServicePrincipal(connection, cloud);
        var certificate = CertificateFromPem.Load(Required(connection, "servicePrincipalCertificate"), connection.Id);

        // The certificate chain (x5c) is not sent: apps that know the certificate itself, as Azure DevOps registers it,
        // do not need it. It is needed only by subject name and issuer authentication, which Azure DevOps does not set up.
        var options = Tuned(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = !cloud.UsesInstanceDiscovery }, cloud, transport);
        return new ConnectionCredential(
            new ClientCertificateCredential(tenantId, clientId, certificate, options),
            new SignInAttempt(connection.Id, SignInMethod.ClientCertificate, tenantId, clientId, cloud.AuthorityHost, CertificateFromPem.Describe(certificate)));
    }

    private static ConnectionCredential ManagedIdentity(ServiceConnection connection, CloudEnvironment cloud, HttpPipelineTransport transport)
    {
        // The instance metadata endpoint is link-local (169.254.169.254), which the agent's proxy never gets; Azure.Identity
        // honours AZURE_POD_IDENTITY_AUTHORITY_HOST, where a machine sets one, to reach it elsewhere.
        var clientId = connection.Data("msiclientId")?.Trim();
        var identity = clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId);
        var options = new ManagedIdentityCredentialOptions(identity) { Transport = transport };
        TokenCredentialTuning.Apply(options);
        return new ConnectionCredential(
            new ManagedIdentityCredential(options),
            new SignInAttempt(connection.Id, SignInMethod.ManagedIdentity, null, clientId, cloud.AuthorityHost));
    }

    private static ConnectionCredential WorkloadIdentityFederation(ServiceConnection connection, CloudEnvironment cloud, JobIdentity job, HttpPipelineTransport transport)
    {
        var (tenantId, clientId) = ServicePrincipal(connection, cloud);
        var attempt = new SignInAttempt(connection.Id, SignInMethod.WorkloadIdentityFederation, tenantId, clientId, cloud.AuthorityHost);

        // Azure.Identity's AzurePipelinesCredential would do this too, but it knows only SYSTEM_OIDCREQUESTURI, not the
        // plan and job endpoint that classic release pipelines need. So: a client assertion from our own OIDC request.
        AzureDevOpsOidcTokenSource tokens;
        try
        {
            var accessToken = job.AccessToken ?? throw new OidcTokenRequestException(OidcTokenProblem.JobAccessTokenMissing);
            tokens = new AzureDevOpsOidcTokenSource(AzureDevOpsOidcTokenSource.RequestUriFor(job, connection.Id), accessToken, transport);
        }
        catch (OidcTokenRequestException e)
        {
            throw new SignInFailedException(attempt, null, e);
        }

        var options = Tuned(new ClientAssertionCredentialOptions { DisableInstanceDiscovery = !cloud.UsesInstanceDiscovery }, cloud, transport);
        return new ConnectionCredential(new ClientAssertionCredential(tenantId, clientId, tokens.GetTokenAsync, options), attempt, tokens);
    }

    private static (string TenantId, string ClientId) ServicePrincipal(ServiceConnection connection, CloudEnvironment cloud)
    {
        var tenantId = cloud.Tenant(connection.Parameter("tenantid")?.Trim()) ?? Required(connection, "tenantid");
        return (tenantId, Required(connection, "serviceprincipalid").Trim());
    }

    private static T Tuned<T>(T options, CloudEnvironment cloud, HttpPipelineTransport transport) where T : TokenCredentialOptions
    {
        options.AuthorityHost = cloud.AuthorityHost;
        options.Transport = transport;
        TokenCredentialTuning.Apply(options);
        return options;
    }

    private static string Required(ServiceConnection connection, string key) =>
        connection.Parameter(key)
        ?? throw new TaskInputException($"The service connection '{connection.Id}' lacks its '{key}' parameter. Edit the service connection and save it again.");
}
