using AkvTask.Authentication;
using AkvTask.Outcome;
using Azure.Identity;

namespace AkvTask.Tests.Authentication;

public class SignInAdviceTests
{
    private const string Tenant = "tenant-1";
    private const string Client = "client-1";
    private static readonly Uri Login = new("https://login.microsoftonline.com/");

    private static SignInAttempt Attempt(SignInMethod method, string? clientId = Client) =>
        new("conn-id", method, method == SignInMethod.ManagedIdentity ? null : Tenant, clientId, Login,
            method == SignInMethod.ClientCertificate ? "certificate CN=app, thumbprint ABC123, valid 2026-01-01 to 2027-01-01" : null);

    // Azure.Identity's shape: a header, and Entra's reason in the inner exception.
    private static Exception Entra(string credential, string reason) =>
        new AuthenticationFailedException($"{credential} authentication failed: {reason}",
            new InvalidOperationException($"{reason}\r\nTrace ID: 1\r\nCorrelation ID: 2\r\nTimestamp: 2026-01-01 00:00:00Z"));

    private static string Describe(SignInAttempt attempt, Exception cause, FederatedTokenClaims? claims = null) =>
        SignInAdvice.Describe(new SignInFailedException(attempt, claims, cause), "conn-id");

    [Test]
    public void Every_message_names_the_connection_and_how_it_signs_in()
    {
        Describe(Attempt(SignInMethod.ClientSecret), Entra("ClientSecretCredential", "AADSTS7000215: Invalid client secret provided."))
            .Should().StartWith("Could not sign in with the service connection 'conn-id' (service principal with a client secret): ");
    }

    [TestCase(7000222, "has expired", "Add a new client secret")]
    [TestCase(7000215, "did not accept the client secret", "not its secret ID")]
    [TestCase(700016, "tenant 'tenant-1' has no application with client id 'client-1'", "environment (cloud, now login.microsoftonline.com)")]
    [TestCase(90002, "tenant 'tenant-1' was not found at login.microsoftonline.com", "tenant id")]
    public void A_client_secret_failure_gets_its_advice_and_keeps_Entras_reason(int code, string cause, string fix)
    {
        var message = Describe(Attempt(SignInMethod.ClientSecret), Entra("ClientSecretCredential", $"AADSTS{code}: Entra's sentence."));

        message.Should().Contain(cause).And.Contain(fix).And.EndWith($"(Entra ID: AADSTS{code}: Entra's sentence.)");
        message.Should().NotContain("Trace ID");
    }

    [Test]
    public void A_certificate_the_app_does_not_have_is_described_by_its_thumbprint()
    {
        Describe(Attempt(SignInMethod.ClientCertificate), Entra("ClientCertificateCredential", "AADSTS700027: Client assertion failed signature validation."))
            .Should().Contain("app 'client-1' does not have the connection's certificate (certificate CN=app, thumbprint ABC123")
            .And.Contain("Certificates & secrets > Certificates");
    }

    [TestCase(70021)]
    [TestCase(700211)]
    [TestCase(700212)]
    [TestCase(700213)]
    public void A_federation_mismatch_prints_the_tokens_issuer_and_subject(int code)
    {
        var claims = new FederatedTokenClaims("https://vstoken.dev.azure.com/org", "sc://contoso/p/conn", "api://AzureADTokenExchange");

        Describe(Attempt(SignInMethod.WorkloadIdentityFederation), Entra("ClientAssertionCredential", $"AADSTS{code}: No matching federated identity record found."), claims)
            .Should().Contain("no federated credential of app 'client-1' matches")
            .And.Contain("issuer is 'https://vstoken.dev.azure.com/org' and its subject is 'sc://contoso/p/conn'.")
            .And.NotContain("(audience");
    }

    [Test]
    public void A_federation_mismatch_names_an_unexpected_audience_and_copes_without_claims()
    {
        var cause = Entra("ClientAssertionCredential", "AADSTS700213: No matching federated identity record found.");

        Describe(Attempt(SignInMethod.WorkloadIdentityFederation), cause, new FederatedTokenClaims("i", "s", "api://Other"))
            .Should().Contain("(audience 'api://Other')");
        Describe(Attempt(SignInMethod.WorkloadIdentityFederation), cause)
            .Should().Contain("issuer and subject could not be read");
    }

    [Test]
    public void A_vault_in_another_tenant_is_named()
    {
        var cause = new AuthenticationFailedException(
            "The current credential is not configured to acquire tokens for tenant 72f988bf-86f1-41af-91ab-2d7cd011db47. To enable acquiring tokens for this tenant add it to the AdditionallyAllowedTenants.");

        Describe(Attempt(SignInMethod.ClientSecret), cause)
            .Should().Contain("the vault belongs to tenant '72f988bf-86f1-41af-91ab-2d7cd011db47', but the service connection signs in to tenant 'tenant-1'");
    }

    [Test]
    public void A_managed_identity_the_resource_lacks_is_told_apart_from_a_machine_without_an_endpoint()
    {
        var notAssigned = new AuthenticationFailedException(
            "ManagedIdentityCredential authentication failed: [Managed Identity] Authentication unavailable. Either the requested identity has not been assigned to this resource.",
            new InvalidOperationException("{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}"));
        var noEndpoint = new CredentialUnavailableException(
            "ManagedIdentityCredential authentication unavailable. Multiple attempts failed to obtain a token from the managed identity endpoint.",
            new AggregateException(new HttpRequestException("Connection refused (169.254.169.254:80)")));

        Describe(Attempt(SignInMethod.ManagedIdentity, clientId: null), notAssigned)
            .Should().Contain("(system-assigned managed identity): the agent is not running on an Azure resource with a system-assigned managed identity")
            .And.Contain("answered that it has no such identity");
        Describe(Attempt(SignInMethod.ManagedIdentity, clientId: "mi-1"), noEndpoint)
            .Should().Contain("the agent is not running on an Azure resource with the user-assigned managed identity with client id 'mi-1'")
            .And.Contain("169.254.169.254").And.Contain("Multiple attempts failed");
    }

    [TestCase("JobAccessTokenMissing", 0, "Allow scripts to access the OAuth token")]
    [TestCase("JobVariablesMissing", 0, "SYSTEM_OIDCREQUESTURI")]
    [TestCase("Refused", 401, "refused the job's access token")]
    [TestCase("Refused", 400, "issued no OIDC token for the connection (400: why)")]
    [TestCase("Unreachable", 0, "could not be reached")]
    [TestCase("MalformedReply", 200, "answered without an OIDC token")]
    public void Each_way_the_OIDC_token_can_fail_has_its_words(string problem, int status, string expected)
    {
        var oidc = new OidcTokenRequestException(Enum.Parse<OidcTokenProblem>(problem), "dev.azure.com", status, "why");

        Describe(Attempt(SignInMethod.WorkloadIdentityFederation), new AuthenticationFailedException("ClientAssertionCredential authentication failed: " + oidc.Message, oidc))
            .Should().Contain(expected);
        Describe(Attempt(SignInMethod.WorkloadIdentityFederation), oidc).Should().Contain(expected, "it may come straight from the token source");
    }

    [Test]
    public void An_unknown_Entra_error_is_given_as_Entra_says_it()
    {
        Describe(Attempt(SignInMethod.ClientSecret), Entra("ClientSecretCredential", "AADSTS12345: Something new."))
            .Should().EndWith("(service principal with a client secret): AADSTS12345: Something new.");
    }

    [Test]
    public void A_failure_outside_a_service_connection_keeps_Entras_reason_alone()
    {
        SignInAdvice.Describe(new AuthenticationFailedException("DefaultAzureCredential failed: \nAADSTS7000215: Invalid client secret.\r\nTrace ID: x"), null)
            .Should().Be("Could not sign in with the service connection: AADSTS7000215: Invalid client secret.");
    }
}
