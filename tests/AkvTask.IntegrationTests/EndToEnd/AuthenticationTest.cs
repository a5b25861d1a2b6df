using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// The fake Azure of <see cref="EndToEndTest"/>, plus what the other connection schemes sign in with: Azure DevOps's OIDC
/// endpoint, an instance metadata endpoint for managed identities, and principals for a certificate and a federated credential.
/// </summary>
public abstract class AuthenticationTest : EndToEndTest
{
    protected const string TenantId = FakeAzureHost.DefaultTenantId;
    protected const string CertificateClientId = "c3e1a9d0-4b7f-4e2a-9c8d-2f1e0a9b8c7d";
    protected const string FederatedClientId = "f7d2c4b1-9a8e-4f3d-8b2c-6e5d4c3b2a10";
    protected const string SystemAssignedClientId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c";
    protected const string UserAssignedClientId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    protected const string ConnectionSubject = "sc://contoso/web-shop/akv-connection";

    protected FakeAzureDevOps DevOps { get; private set; } = null!;

    protected FakeInstanceMetadataService Metadata { get; private set; } = null!;

    /// <summary>The certificate registered on <see cref="CertificateClientId"/>, with its private key.</summary>
    protected X509Certificate2 Certificate { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartIdentityServices()
    {
        DevOps = FakeAzureDevOps.MapOn(Azure, AgentVariables.JobAccessToken);
        DevOps.AddServiceConnection(AgentVariables.ConnectionId, ConnectionSubject);
        Azure.Entra.AddFederatedServicePrincipal(TenantId, FederatedClientId, DevOps.IsIssued);

        Certificate = NewCertificate("CN=akv-task-tests");
        Azure.Entra.AddServicePrincipal(TenantId, CertificateClientId, X509CertificateLoader.LoadCertificate(Certificate.RawData));

        Metadata = await FakeInstanceMetadataService.StartAsync(Azure.Entra);
        Metadata.SystemAssignedClientId = SystemAssignedClientId;
        Metadata.AssignUserIdentity(UserAssignedClientId);
    }

    private int _tokenRequestsBefore;
    private int _oidcRequestsBefore;
    private int _metadataRequestsBefore;
    private int _tunnelsBefore;

    /// <summary>Calls to Entra ID's token endpoint during this test.</summary>
    protected IReadOnlyList<TokenRequest> TokenRequests => Azure.Entra.TokenRequests.Skip(_tokenRequestsBefore).ToList();

    /// <summary>Calls to Azure DevOps's OIDC endpoint during this test.</summary>
    protected IReadOnlyList<OidcTokenRequest> OidcRequests => DevOps.Requests.Skip(_oidcRequestsBefore).ToList();

    /// <summary>Calls to the metadata endpoint during this test.</summary>
    protected IReadOnlyList<ManagedIdentityTokenRequest> MetadataRequests => Metadata.Requests.Skip(_metadataRequestsBefore).ToList();

    /// <summary>CONNECT targets the agent's proxy was asked for during this test.</summary>
    protected IReadOnlyList<string> Tunnels => Azure.ProxyConnectTargets.Skip(_tunnelsBefore).ToList();

    [SetUp]
    public void CountRequestsFromHere()
    {
        _tokenRequestsBefore = Azure.Entra.TokenRequests.Count;
        _oidcRequestsBefore = DevOps.Requests.Count;
        _metadataRequestsBefore = Metadata.Requests.Count;
        _tunnelsBefore = Azure.ProxyConnectTargets.Count;
    }

    [OneTimeTearDown]
    public async Task StopIdentityServices()
    {
        await Metadata.DisposeAsync();
        Certificate.Dispose();
    }

    /// <summary>The agent's variables for this test's vault, network and temporary folder, around <paramref name="connection"/>.</summary>
    protected AgentVariables ForVault(AgentVariables connection, string filter = "*") =>
        connection
            .Network(Azure.ProxyUrl, Azure.CaCertificatePath)
            .Input("KeyVaultName", Vault.Name)
            .Input("SecretsFilter", filter)
            .Set("AGENT_TEMPDIRECTORY", TestTemp());

    protected AgentVariables CertificateAgent(string? pem = null, string clientId = CertificateClientId) =>
        ForVault(AgentVariables.ServicePrincipalCertificate(TenantId, clientId, pem ?? Pem(Certificate, pkcs1: false)));

    protected AgentVariables FederationAgent(string clientId = FederatedClientId) =>
        ForVault(AgentVariables.WorkloadIdentityFederation(TenantId, clientId));

    /// <summary>
    /// A managed identity connection on a machine whose metadata endpoint is <paramref name="metadataUrl"/> (the fake by default),
    /// set the way a real machine overrides it. The real endpoint, 169.254.169.254, is link-local and so never proxied; the fake
    /// is on 127.0.0.1, which the agent's bypass list must name for the request to go direct, as it does for the real one.
    /// </summary>
    protected AgentVariables ManagedIdentityAgent(string? msiClientId = null, string? metadataUrl = null) =>
        ForVault(AgentVariables.ManagedIdentity(TenantId, msiClientId))
            .Set(FakeInstanceMetadataService.OverrideVariable, metadataUrl ?? Metadata.Url)
            .Set("AGENT_PROXYBYPASSLIST", """["^http://127\\.0\\.0\\.1:\\d+$"]""");

    /// <summary>The certificate and its private key in one PEM text, as a service connection holds them.</summary>
    protected static string Pem(X509Certificate2 certificate, bool pkcs1)
    {
        using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The certificate has no RSA private key.");
        return certificate.ExportCertificatePem() + "\n" + (pkcs1 ? key.ExportRSAPrivateKeyPem() : key.ExportPkcs8PrivateKeyPem()) + "\n";
    }

    protected static X509Certificate2 NewCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Base-64 lines of the private key's PEM block: if one turns up anywhere, the key leaked.</summary>
    protected static string[] PrivateKeyLines(string pem)
    {
        var lines = pem.Split('\n').Select(line => line.Trim()).ToList();
        var begin = lines.FindIndex(line => line.StartsWith("-----BEGIN", StringComparison.Ordinal) && line.Contains("PRIVATE KEY", StringComparison.Ordinal));
        return [lines[begin + 1], lines[begin + 5], lines[begin + 10]];
    }

    /// <summary>A 127.0.0.1 URL where nothing listens: a machine without a metadata endpoint.</summary>
    protected static string ClosedLocalUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
