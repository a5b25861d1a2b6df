using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkvTask.Agent;
using AkvTask.Authentication;
using Azure.Core.Pipeline;

namespace AkvTask.Tests.Authentication;

public class CredentialFactoryTests
{
    private const string Tenant = "6f1c2e4b-8a3d-4f7e-9b2c-1d5e8a7c3f90";
    private const string Client = "9b8e7d6c-5a4b-4c3d-8e2f-1a0b9c8d7e6f";

    private static readonly HttpClientTransport Transport = new(new HttpClient());

    private static readonly JobIdentity Job = new(
        "https://dev.azure.com/contoso/p/_apis/distributedtask/hubs/build/plans/pl/jobs/jb/oidctoken", null, null, null, null, null, "job-token");

    internal static ServiceConnection Connection(string scheme, Dictionary<string, string>? parameters = null, Dictionary<string, string>? data = null) =>
        new("conn-id", scheme,
            new Dictionary<string, string>(parameters ?? [], StringComparer.OrdinalIgnoreCase),
            new Dictionary<string, string>(data ?? [], StringComparer.OrdinalIgnoreCase));

    private static Dictionary<string, string> Principal(params (string Key, string Value)[] more)
    {
        var parameters = new Dictionary<string, string> { ["tenantid"] = Tenant, ["serviceprincipalid"] = Client };
        foreach (var (key, value) in more)
        {
            parameters[key] = value;
        }

        return parameters;
    }

    [TestCase("ServicePrincipal", null, "ClientSecret")]
    [TestCase("ServicePrincipal", "spnKey", "ClientSecret")]
    [TestCase("serviceprincipal", "SPNKEY", "ClientSecret")]
    [TestCase("ServicePrincipal", "spnCertificate", "ClientCertificate")]
    [TestCase("ManagedServiceIdentity", null, "ManagedIdentity")]
    [TestCase("WorkloadIdentityFederation", null, "WorkloadIdentityFederation")]
    [TestCase(" workloadidentityfederation ", null, "WorkloadIdentityFederation")]
    public void The_scheme_and_authentication_type_choose_the_method(string scheme, string? authenticationType, string expected)
    {
        var parameters = authenticationType is null ? Principal() : Principal(("authenticationType", authenticationType));

        CredentialFactory.MethodOf(Connection(scheme, parameters)).Should().Be(Enum.Parse<SignInMethod>(expected));
    }

    [TestCase("PublishProfile")]
    [TestCase("UsernamePassword")]
    [TestCase("Token")]
    public void A_scheme_the_task_cannot_use_names_the_ones_it_can(string scheme)
    {
        FluentActions.Invoking(() => CredentialFactory.MethodOf(Connection(scheme, Principal())))
            .Should().Throw<TaskInputException>()
            .WithMessage($"*'conn-id'*'{scheme}'*WorkloadIdentityFederation*ServicePrincipal*ManagedServiceIdentity*");
    }

    [Test]
    public void An_unknown_authentication_type_is_named()
    {
        FluentActions.Invoking(() => CredentialFactory.MethodOf(Connection("ServicePrincipal", Principal(("authenticationType", "spnSomething")))))
            .Should().Throw<TaskInputException>().WithMessage("*'spnSomething'*spnKey*spnCertificate*");
    }

    [Test]
    public void A_client_secret_connection_records_what_it_signs_in_as()
    {
        var credential = CredentialFactory.Create(Connection("ServicePrincipal", Principal(("serviceprincipalkey", "s3cret"))), Cloud(), Job, Transport);

        credential.Attempt.Should().Be(new SignInAttempt("conn-id", SignInMethod.ClientSecret, Tenant, Client, new Uri("https://login.microsoftonline.com/")));
        credential.Attempt.ToString().Should().NotContain("s3cret");
    }

    [Test]
    public void A_missing_parameter_is_named()
    {
        FluentActions.Invoking(() => CredentialFactory.Create(Connection("ServicePrincipal", Principal()), Cloud(), Job, Transport))
            .Should().Throw<TaskInputException>().WithMessage("*'conn-id'*'serviceprincipalkey'*");
    }

    [Test]
    public void Under_ADFS_the_tenant_is_adfs_whatever_the_connection_says()
    {
        var adfs = Cloud(("environment", "AzureStack"), ("environmentAuthorityUrl", "https://adfs.local.azurestack.external/adfs/"), ("AzureKeyVaultDnsSuffix", "vault.local.azurestack.external"));

        var credential = CredentialFactory.Create(Connection("ServicePrincipal", Principal(("serviceprincipalkey", "s"))), adfs, Job, Transport);

        credential.Attempt.TenantId.Should().Be("adfs");
    }

    [Test]
    public void A_certificate_connection_describes_its_certificate_by_public_facts()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=unit-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem();

        var credential = CredentialFactory.Create(
            Connection("ServicePrincipal", Principal(("authenticationType", "spnCertificate"), ("servicePrincipalCertificate", pem))), Cloud(), Job, Transport);

        credential.Attempt.Method.Should().Be(SignInMethod.ClientCertificate);
        credential.Attempt.CertificateDescription.Should().Contain("CN=unit-test").And.Contain(certificate.Thumbprint);
    }

    [TestCase(null, "system-assigned managed identity")]
    [TestCase("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "user-assigned managed identity 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")]
    public void A_managed_identity_is_user_assigned_when_the_data_names_its_client_id(string? msiClientId, string description)
    {
        var data = msiClientId is null ? null : new Dictionary<string, string> { ["msiclientId"] = msiClientId };

        var credential = CredentialFactory.Create(Connection("ManagedServiceIdentity", new() { ["tenantid"] = Tenant }, data), Cloud(), Job, Transport);

        credential.Attempt.ClientId.Should().Be(msiClientId);
        credential.Attempt.MethodDescription.Should().Be(description);
    }

    [Test]
    public void Federation_without_the_jobs_access_token_fails_at_once_with_that_reason()
    {
        var job = new JobIdentity(Job.OidcRequestUri, null, null, null, null, null, accessToken: null);

        var failure = FluentActions.Invoking(() => CredentialFactory.Create(Connection("WorkloadIdentityFederation", Principal()), Cloud(), job, Transport))
            .Should().Throw<SignInFailedException>().Which;

        failure.Attempt.Method.Should().Be(SignInMethod.WorkloadIdentityFederation);
        failure.InnerException.Should().BeOfType<OidcTokenRequestException>().Which.Problem.Should().Be(OidcTokenProblem.JobAccessTokenMissing);
    }

    [Test]
    public void Federation_without_any_way_to_reach_the_OIDC_endpoint_fails_at_once_with_that_reason()
    {
        var job = new JobIdentity(null, "https://dev.azure.com/contoso/", null, "build", null, null, "job-token");

        FluentActions.Invoking(() => CredentialFactory.Create(Connection("WorkloadIdentityFederation", Principal()), Cloud(), job, Transport))
            .Should().Throw<SignInFailedException>()
            .Which.InnerException.Should().BeOfType<OidcTokenRequestException>().Which.Problem.Should().Be(OidcTokenProblem.JobVariablesMissing);
    }

    private static CloudEnvironment Cloud(params (string Key, string Value)[] data) =>
        CloudEnvironment.From(Connection("ServicePrincipal", null, data.ToDictionary(d => d.Key, d => d.Value)));
}
