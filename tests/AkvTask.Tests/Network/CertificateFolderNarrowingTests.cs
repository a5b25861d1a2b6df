using AkvTask.Network;

namespace AkvTask.Tests.Network;

/// <summary>What may be left out of the certificate folder: only files whose every certificate the bundle already holds.</summary>
public class CertificateFolderNarrowingTests
{
    private string _root = null!;
    private string _bundle = null!;
    private string _folder = null!;

    [SetUp]
    public void LayOutAStore()
    {
        _root = Directory.CreateTempSubdirectory("akv-narrowing-").FullName;
        _folder = Directory.CreateDirectory(Path.Combine(_root, "certs")).FullName;
        _bundle = Path.Combine(_root, "cert.pem");
    }

    [TearDown]
    public void RemoveTheStore() => Directory.Delete(_root, recursive: true);

    [Test]
    public void A_Debian_style_folder_keeps_only_the_files_with_certificates_the_bundle_lacks()
    {
        var a = PemCertificatesTests.Certificate("a");
        var b = PemCertificatesTests.Certificate("b");
        var local = PemCertificatesTests.Certificate("local root");
        File.WriteAllText(_bundle, a + b);
        Write("A.pem", a);
        Write("B.pem", b);
        Link("1a2b3c4d.0", "A.pem");
        Link("5e6f7a8b.0", "B.pem");
        Write("ca-certificates.crt", a + b);
        Write("local.pem", local);
        Link("9c0d1e2f.0", "local.pem");
        Write("README", "not a certificate\n");

        var plan = CertificateFolderNarrowing.Plan(Paths());

        plan.Should().NotBeNull();
        plan!.Value.Files.Should().Be(8);
        plan.Value.Kept.Select(Path.GetFileName).Should().BeEquivalentTo("local.pem", "9c0d1e2f.0");
    }

    [Test]
    public void A_file_with_one_certificate_more_than_the_bundle_is_kept_whole()
    {
        var a = PemCertificatesTests.Certificate("a");
        File.WriteAllText(_bundle, a);
        Write("both.pem", a + PemCertificatesTests.Certificate("other"));

        CertificateFolderNarrowing.Plan(Paths())!.Value.Kept.Select(Path.GetFileName).Should().Equal("both.pem");
    }

    [Test]
    public void Files_it_cannot_read_with_certainty_are_kept()
    {
        var a = PemCertificatesTests.Certificate("a");
        File.WriteAllText(_bundle, a);
        Write("A.pem", a);
        Write("broken.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        Write("trusted.pem", a + "-----BEGIN TRUSTED CERTIFICATE-----\n!!\n-----END TRUSTED CERTIFICATE-----\n");

        CertificateFolderNarrowing.Plan(Paths())!.Value.Kept.Select(Path.GetFileName).Should().BeEquivalentTo("broken.pem", "trusted.pem");
    }

    [Test]
    public void Unusual_stores_are_left_as_they_are()
    {
        var a = PemCertificatesTests.Certificate("a");
        Write("A.pem", a);

        CertificateFolderNarrowing.Plan(Paths()).Should().BeNull("there is no bundle");

        File.WriteAllText(_bundle, "no certificates here\n");
        CertificateFolderNarrowing.Plan(Paths()).Should().BeNull("the bundle holds nothing");

        File.WriteAllText(_bundle, a);
        CertificateFolderNarrowing.Plan(new OpenSslCertificatePaths(_bundle, _folder + ":" + _root)).Should().BeNull("there are two folders");
        CertificateFolderNarrowing.Plan(new OpenSslCertificatePaths(_bundle, null)).Should().BeNull("there is no folder");
    }

    [Test]
    public void A_folder_without_any_certificate_is_left_to_NET_which_then_reads_etc_ssl_certs()
    {
        File.WriteAllText(_bundle, PemCertificatesTests.Certificate("a"));
        Write("README", "nothing\n");

        CertificateFolderNarrowing.Plan(Paths()).Should().BeNull();
    }

    private OpenSslCertificatePaths Paths() => new(_bundle, _folder);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private void Link(string name, string target) => File.CreateSymbolicLink(Path.Combine(_folder, name), target);
}
