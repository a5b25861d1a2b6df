namespace AkvTask.TestSupport.FakeAzure;

/// <summary>The causes of a Key Vault 403 that a client must tell apart, named by their inner error code.</summary>
public enum ForbiddenReason
{
    /// <summary><c>ForbiddenByRbac</c>: no role assignment.</summary>
    Rbac,

    /// <summary><c>AccessDenied</c>: the vault's access policies lack the permission.</summary>
    AccessPolicy,

    /// <summary><c>ForbiddenByFirewall</c>: the client address is not allowed.</summary>
    Firewall,

    /// <summary><c>ForbiddenByConnection</c>: public network access is disabled.</summary>
    PrivateLink,
}
