namespace AkvTask.Secrets;

/// <summary>Why a request to the vault failed, as far as the answer (or its absence) tells.</summary>
internal enum VaultFailureKind
{
    /// <summary>403 ForbiddenByRbac: the identity has no data-plane role on the vault.</summary>
    DeniedByRbac,

    /// <summary>403 ForbiddenByPolicy or AccessDenied: the vault's access policies lack the permission.</summary>
    DeniedByAccessPolicy,

    /// <summary>403 ForbiddenByFirewall: the client address is not allowed through the vault's firewall.</summary>
    DeniedByFirewall,

    /// <summary>403 ForbiddenByConnection: the vault accepts private-link connections only.</summary>
    DeniedByPrivateLink,

    /// <summary>403 for another reason.</summary>
    Forbidden,

    /// <summary>403 SecretDisabled.</summary>
    Disabled,

    /// <summary>404: no such secret (or version).</summary>
    NotFound,

    /// <summary>401 after the token was sent: the vault did not accept it.</summary>
    Unauthorized,

    /// <summary>429 still, after every retry.</summary>
    Throttled,

    /// <summary>5xx still, after every retry.</summary>
    ServerError,

    /// <summary>No answer: the host name did not resolve or the connection failed.</summary>
    Unreachable,

    /// <summary>The server's TLS certificate is not trusted (often a TLS-inspecting proxy's).</summary>
    CertificateRejected,

    /// <summary>No answer in time, after every retry.</summary>
    TimedOut,

    /// <summary>An answer that is not what Key Vault sends.</summary>
    MalformedResponse,

    /// <summary>Anything else.</summary>
    Other,
}
