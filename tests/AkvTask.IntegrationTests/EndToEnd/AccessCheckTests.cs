using System.Diagnostics;
using System.Text;
using AkvTask.TestSupport;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// <c>AkvTask check</c>, run by a person: signs in with Azure.Identity's default chain (here its environment
/// credential) and goes through the machine's own proxy and certificate settings.
/// </summary>
public class AccessCheckTests : EndToEndTest
{
    [Test]
    public async Task Shows_what_the_task_would_do_without_values_and_succeeds()
    {
        Vault.SetSecret("db-password", "check-value-1");
        Vault.SetSecret("off", "check-value-2", enabled: false);

        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "*");

        exitCode.Should().Be(0, output);
        output.Should().Contain("db-password -> $(db-password), $(db_password)").And.Contain("off: disabled").And.Contain("would succeed");
        output.Should().NotContain("check-value");
    }

    [Test]
    public async Task Says_what_would_fail_and_how_to_fix_it_with_a_failing_exit_code()
    {
        Vault.SetSecret("db", "x");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.Get);

        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "db");

        exitCode.Should().Be(1, output);
        output.Should().Contain("Would fail").And.Contain("Key Vault Secrets User").And.Contain("would fail");
    }

    [Test]
    public async Task Lists_the_files_it_would_write_by_name_and_format_and_proves_each_certificate_has_its_key()
    {
        using var good = KeyVaultCertificate.Create("check.example");
        using var keyless = KeyVaultCertificate.Create("keyless.example");
        Vault.SetSecret("signing", good.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("hsm", keyless.Pkcs12ValueWithoutKey(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("kubeconfig", "check-value-kube");

        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "!*", "--files", "signing, kube=kubeconfig, hsm", "--certificate-format", "pem");

        exitCode.Should().Be(1, output);
        output.Should().Contain("signing.pem: secret 'signing', certificate as PEM").And.Contain("$(signing.path)");
        output.Should().Contain("kube: secret 'kubeconfig', value -> $(kube.path)");
        output.Should().Contain("Secret 'hsm' is a certificate without its private key");
        output.Should().NotContain("check-value").And.NotContain(good.Pkcs12Value()[..40]);
        Directory.GetDirectories(Path.GetTempPath(), "keyvaultsecrets-files-*").Should().BeEmpty("check writes no file");
    }

    [Test]
    public async Task With_two_secrets_setting_one_variable_it_promises_no_variable_and_no_file_as_the_task_sets_and_writes_none()
    {
        Vault.SetSecret("token", "check-value-token");
        Vault.SetSecret("api-key", "check-value-key");

        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "*, Token=api-key", "--files", "api-key");

        exitCode.Should().Be(1, output);
        output.Should().Contain("Would set 0 secret(s)").And.NotContain("Would write these files");
        output.Should().ContainEquivalentOf("would both set the variable 'token'");
        output.Should().Contain("The task would fail: 0 secret(s) from vault").And.Contain("0 file(s) written; two secrets would set the same variable, so none was set.");
        output.Should().NotContain("check-value");
    }

    [Test]
    public async Task A_filter_error_fails_before_signing_in()
    {
        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "X=prod-*");

        exitCode.Should().Be(1, output);
        output.Should().Contain("'X=prod-*'").And.Contain("combines a pattern with an alias");
        Azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task Server_text_is_defused_as_in_the_task_log()
    {
        Vault.SetSecret("db", "x");
        const string Forged = "##vso[task.setvariable variable=PATH]/tmp/evil ##[error]forged ##VSO[task.complete result=Succeeded]";
        using var _ = Vault.Faults.Add(info => info.SecretName == "db"
            ? FaultAction.Respond(403, "{\"error\":{\"code\":\"Forbidden\",\"message\":\"" + Forged + "\"}}")
            : null);

        var (exitCode, output) = await Check("--vault", Vault.Name, "--filter", "db");

        exitCode.Should().Be(1, output);
        output.Should().Contain("access denied (403, Forbidden)").And.Contain("variable=PATH");
        AgentLog.Parse(output).Commands.Should().BeEmpty("a check run in a pipeline step must not be able to run a server's commands");
        output.Should().NotContain("##[", "nor its log formatting");
    }

    [TestCase("evil.example/")]
    [TestCase("https://my-vault.vault.azure.net.evil.example/")]
    public async Task A_vault_that_is_not_a_name_or_a_known_clouds_vault_URL_is_refused_before_any_request(string vault)
    {
        var (exitCode, output) = await Check("--vault", vault);

        exitCode.Should().Be(2, output);
        output.Should().Contain($"'{vault}' is neither a vault's name");
        Azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task Without_a_vault_it_prints_the_usage()
    {
        var (exitCode, output) = await Check("--filter", "*");

        exitCode.Should().Be(2);
        output.Should().Contain("AkvTask check --vault NAME");
    }

    private async Task<(int ExitCode, string Output)> Check(params string[] args)
    {
        RepositoryLayout.RequireBuiltBinary();
        var start = new ProcessStartInfo(RepositoryLayout.BinaryPath, ["check", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment.Clear();
        start.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH");
        start.Environment["HOME"] = TestTemp();
        start.Environment["AZURE_TENANT_ID"] = FakeAzureHost.DefaultTenantId;
        start.Environment["AZURE_CLIENT_ID"] = ClientId;
        start.Environment["AZURE_CLIENT_SECRET"] = ClientSecret;
        // The machine's own settings, as a person's shell has them: no agent variables here.
        start.Environment["HTTPS_PROXY"] = Azure.ProxyUrl;
        start.Environment["SSL_CERT_FILE"] = Azure.CaCertificatePath;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
