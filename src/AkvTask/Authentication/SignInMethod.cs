namespace AkvTask.Authentication;

/// <summary>How the service connection signs in to Entra ID (or ADFS): its scheme, and for service principals its kind of secret.</summary>
internal enum SignInMethod
{
    /// <summary>Scheme ServicePrincipal, authenticationType spnKey (the default).</summary>
    ClientSecret,

    /// <summary>Scheme ServicePrincipal, authenticationType spnCertificate: a PEM certificate with its private key.</summary>
    ClientCertificate,

    /// <summary>Scheme ManagedServiceIdentity: the identity of the Azure resource the agent runs on.</summary>
    ManagedIdentity,

    /// <summary>Scheme WorkloadIdentityFederation: an OIDC token from Azure DevOps, exchanged as a client assertion.</summary>
    WorkloadIdentityFederation,
}
