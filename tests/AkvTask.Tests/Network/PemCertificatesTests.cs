using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkvTask.Network;

namespace AkvTask.Tests.Network;

public class PemCertificatesTests
{
    internal static byte[] CertificateDer(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.RawData;
    }

    internal static string Certificate(string name) => PemEncoding.WriteString("CERTIFICATE", CertificateDer(name)) + "\n";

    private static IReadOnlyList<string>? Read(string text) => PemCertificates.Read(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Names_each_certificate_by_its_bytes_and_skips_other_blocks_as_OpenSSL_does()
    {
        var a = Certificate("a");
        var b = Certificate("b");
        var key = PemEncoding.WriteString("PRIVATE KEY", new byte[] { 0x30, 0x00 }) + "\n";

        var found = Read("comment line\n" + a + key + b);

        found.Should().HaveCount(2);
        found![0].Should().Be(Read(a)!.Single()).And.NotBe(found[1]);
        found[1].Should().Be(Read(b)!.Single());
    }

    [Test]
    public void The_old_X509_CERTIFICATE_label_counts_as_a_certificate()
    {
        var old = PemEncoding.WriteString("X509 CERTIFICATE", CertificateDer("old"));

        Read(old).Should().ContainSingle();
    }

    [Test]
    public void A_file_without_PEM_blocks_holds_no_certificate()
    {
        Read("just text\n").Should().BeEmpty();
    }

    [TestCase("-----BEGIN CERTIFICATE-----\nMIIB\n")]
    [TestCase("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")]
    [TestCase("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n")]
    public void Anything_it_is_not_sure_of_makes_the_file_unknown(string text)
    {
        Read(text).Should().BeNull();
    }

    [Test]
    public void A_block_that_is_not_one_whole_DER_value_makes_the_file_unknown()
    {
        var trailing = PemEncoding.WriteString("CERTIFICATE", new byte[] { 0x30, 0x00, 0x05 });

        Read(trailing).Should().BeNull();
    }
}
