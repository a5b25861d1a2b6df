using System.Text;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// No credential, token or PEM of any scheme ends up in the log (debug included) or on disk: not in the agent's temporary
/// folder, the working folder, nor the home and temporary folders of the process.
/// </summary>
public class AuthenticationSecrecyTests : AuthenticationTest
{
    public enum Scheme
    {
        ClientSecret,
        Certificate,
        UnregisteredCertificate,
        Federation,
        MismatchedFederation,
        ManagedIdentity,
    }

    [TestCase(Scheme.ClientSecret)]
    [TestCase(Scheme.Certificate)]
    [TestCase(Scheme.UnregisteredCertificate)]
    [TestCase(Scheme.Federation)]
    [TestCase(Scheme.MismatchedFederation)]
    [TestCase(Scheme.ManagedIdentity)]
    public async Task Nothing_that_signs_in_is_printed_or_written_to_disk(Scheme scheme)
    {
        Vault.SetSecret("s", "value-of-s");
        using var unregistered = NewCertificate("CN=not-on-the-app");
        const string mismatchedClient = "3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b";
        Azure.Entra.AddFederatedServicePrincipal(TenantId, mismatchedClient, _ => false);
        var pem = Pem(scheme == Scheme.UnregisteredCertificate ? unregistered : Certificate, pkcs1: true);
        var agent = scheme switch
        {
            Scheme.ClientSecret => Agent("s"),
            Scheme.Certificate or Scheme.UnregisteredCertificate => CertificateAgent(pem),
            Scheme.Federation => FederationAgent(),
            Scheme.MismatchedFederation => FederationAgent(mismatchedClient),
            _ => ManagedIdentityAgent(),
        };

        var root = Path.Combine(TestTemp(), $"secrecy-{Guid.NewGuid():N}");
        var folders = new[] { "home", "tmp", "work", "agent-temp" }.ToDictionary(name => name, name => Directory.CreateDirectory(Path.Combine(root, name)).FullName);
        agent.Set("SYSTEM_DEBUG", "true").Set("HOME", folders["home"]).Set("TMPDIR", folders["tmp"]).Set("AGENT_TEMPDIRECTORY", folders["agent-temp"]);

        var run = await TaskLauncher.RunAsync(agent.ToDictionary(), workingDirectory: folders["work"]);

        var signsIn = scheme is not (Scheme.UnregisteredCertificate or Scheme.MismatchedFederation);
        run.ExitCode.Should().Be(signsIn ? 0 : 1, run.ToString());
        var credentials = new List<string> { ClientSecret, AgentVariables.JobAccessToken };
        credentials.AddRange(PrivateKeyLines(pem));
        credentials.AddRange(CertificateLines(pem));
        credentials.AddRange(DevOps.IssuedTokens);
        credentials.AddRange(Metadata.IssuedTokens);
        credentials.AddRange(Azure.Entra.IssuedTokens.Select(t => t.AccessToken));

        AssertNothingSecretInTheClear(run, signsIn ? ["value-of-s"] : [], [.. credentials]);
        var files = folders.Values.SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)).ToList();
        if (signsIn)
        {
            files.Should().Contain(file => file.StartsWith(folders["agent-temp"], StringComparison.Ordinal), "the run summary is written there: the scan sees the task's files");
        }

        foreach (var file in files)
        {
            var text = ReadIfRegularFile(file);
            foreach (var credential in credentials)
            {
                text.Should().NotContain(credential, $"{file} must not hold a credential");
            }
        }

        Directory.Delete(root, recursive: true);
    }

    /// <summary>Base-64 lines of the certificate block: the PEM is not copied anywhere either.</summary>
    private static IEnumerable<string> CertificateLines(string pem) =>
        pem.Split('\n').Select(line => line.Trim()).SkipWhile(line => line != "-----BEGIN CERTIFICATE-----").Skip(2).Take(2);

    // Sockets the runtime may leave in TMPDIR cannot be read, and hold nothing written.
    private static string ReadIfRegularFile(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
