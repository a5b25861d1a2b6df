using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// The system's trust store (SSL_CERT_FILE and SSL_CERT_DIR, laid out as Debian's: the bundle, each root again as a
/// named file and a hash link, the bundle itself in the folder) decides as it would without the task's narrowing of the
/// folder: a root found only in the folder is trusted, one found nowhere is not. No AGENT_CAINFO here.
/// </summary>
[Platform("Linux")]
public class SystemTrustStoreTests : EndToEndTest
{
    [Test]
    public async Task A_root_only_in_the_certificate_folder_is_still_trusted()
    {
        Vault.SetSecret("s", "v");
        var others = new[] { Root("a"), Root("b") };
        var store = Store(bundle: others, folderExtras: [("fake-azure.pem", File.ReadAllText(Azure.CaCertificatePath))]);

        var run = await Run(SystemTrust(store));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("v");
        run.StandardOutput.Should().Contain($"Trust store: 2 of the 7 files in {store.Folder} hold certificates the CA bundle does not");
        Directory.EnumerateDirectories(TestTemp(), "keyvaultsecrets-trust-*").Should().BeEmpty("the narrowed folder goes at the end of the step");
    }

    [Test]
    public async Task A_root_in_the_bundle_is_trusted_and_its_copies_in_the_folder_are_not_read()
    {
        Vault.SetSecret("s", "v");
        var store = Store(bundle: [Root("a"), File.ReadAllText(Azure.CaCertificatePath)], folderExtras: []);

        var run = await Run(SystemTrust(store));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["s"].Value.Should().Be("v");
        run.StandardOutput.Should().Contain($"Trust store: 0 of the 5 files in {store.Folder} hold certificates the CA bundle does not");
    }

    [Test]
    public async Task A_root_found_nowhere_in_the_store_is_refused()
    {
        Vault.SetSecret("s", "v");
        var store = Store(bundle: [Root("a"), Root("b")], folderExtras: []);

        var run = await Run(SystemTrust(store));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Variables.Should().BeEmpty();
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("certificate is not trusted");
    }

    private AgentVariables SystemTrust((string Bundle, string Folder) store) =>
        Agent("s").Remove("AGENT_CAINFO")
            .Set("SSL_CERT_FILE", store.Bundle)
            .Set("SSL_CERT_DIR", store.Folder)
            .Set("SYSTEM_DEBUG", "true");

    /// <summary>A bundle of <paramref name="bundle"/>, and a folder with each of them as a named file and a hash link, the bundle's copy, and the extras with a link each.</summary>
    private static (string Bundle, string Folder) Store(string[] bundle, (string Name, string Pem)[] folderExtras)
    {
        var root = Path.Combine(TestTemp(), "store");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        var folder = Directory.CreateDirectory(Path.Combine(root, "certs")).FullName;
        var bundlePath = Path.Combine(root, "ca-certificates.crt");
        File.WriteAllText(bundlePath, string.Concat(bundle));
        File.WriteAllText(Path.Combine(folder, "ca-certificates.crt"), string.Concat(bundle));
        var files = bundle.Select((pem, i) => ($"root-{i}.pem", pem)).Concat(folderExtras);
        foreach (var ((name, pem), i) in files.Select((f, i) => (f, i)))
        {
            File.WriteAllText(Path.Combine(folder, name), pem);
            File.CreateSymbolicLink(Path.Combine(folder, $"{i:x8}.0"), name);
        }

        return (bundlePath, folder);
    }

    private static string Root(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name} test root", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n";
    }
}
