using System.Security.Cryptography.X509Certificates;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>An application registered with the fake Entra ID, with the one kind of credential it accepts.</summary>
/// <param name="ObjectId">The enterprise application's object id, shown as <c>oid</c> in Key Vault's 403 messages.</param>
/// <param name="Certificate">For <c>private_key_jwt</c>: assertions must be signed by this certificate's key.</param>
/// <param name="AcceptAssertion">For federated credentials: decides whether a <c>client_assertion</c> (e.g. an Azure DevOps OIDC token) is acceptable.</param>
public sealed record ServicePrincipal(
    string TenantId,
    string ClientId,
    string ObjectId,
    string? Secret = null,
    X509Certificate2? Certificate = null,
    Func<string, bool>? AcceptAssertion = null);
