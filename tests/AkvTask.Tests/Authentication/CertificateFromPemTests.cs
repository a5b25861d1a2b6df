using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AkvTask.Agent;
using AkvTask.Authentication;

namespace AkvTask.Tests.Authentication;

public class CertificateFromPemTests
{
    private static readonly RSA Key = RSA.Create(2048);
    private static readonly X509Certificate2 Leaf = SelfSigned("CN=leaf", Key);

    private static X509Certificate2 SelfSigned(string subject, AsymmetricAlgorithm key)
    {
        var request = key is ECDsa ecdsa
            ? new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, (RSA)key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Test]
    public void Loads_a_certificate_with_a_PKCS8_key()
    {
        using var loaded = CertificateFromPem.Load(Leaf.ExportCertificatePem() + "\n" + Key.ExportPkcs8PrivateKeyPem(), "conn");

        loaded.Thumbprint.Should().Be(Leaf.Thumbprint);
        loaded.HasPrivateKey.Should().BeTrue();
    }

    [Test]
    public void Loads_a_certificate_with_a_PKCS1_RSA_key_written_before_it_with_Windows_line_ends()
    {
        var pem = (Key.ExportRSAPrivateKeyPem() + "\n" + Leaf.ExportCertificatePem()).ReplaceLineEndings("\r\n");

        using var loaded = CertificateFromPem.Load(pem, "conn");

        loaded.Thumbprint.Should().Be(Leaf.Thumbprint);
        using var signer = loaded.GetRSAPrivateKey();
        signer!.SignData([1, 2, 3], HashAlgorithmName.SHA256, RSASignaturePadding.Pss).Should().NotBeEmpty();
    }

    [Test]
    public void Loads_an_EC_certificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = SelfSigned("CN=ec", key);

        using var loaded = CertificateFromPem.Load(certificate.ExportCertificatePem() + "\n" + key.ExportECPrivateKeyPem(), "conn");

        loaded.Thumbprint.Should().Be(certificate.Thumbprint);
    }

    [Test]
    public void In_a_chain_the_certificate_that_matches_the_key_is_used_wherever_it_stands()
    {
        using var issuerKey = RSA.Create(2048);
        using var issuer = SelfSigned("CN=issuer", issuerKey);

        using var loaded = CertificateFromPem.Load(issuer.ExportCertificatePem() + "\n" + Leaf.ExportCertificatePem() + "\n" + Key.ExportPkcs8PrivateKeyPem(), "conn");

        loaded.Subject.Should().Be("CN=leaf");
    }

    [Test]
    public void An_encrypted_key_is_refused_with_how_to_decrypt_it()
    {
        var encrypted = Key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        FluentActions.Invoking(() => CertificateFromPem.Load(Leaf.ExportCertificatePem() + "\n" + encrypted, "conn"))
            .Should().Throw<TaskInputException>().WithMessage("*'conn'*encrypted with a password*-nodes*");
    }

    [Test]
    public void A_PEM_without_a_key_or_without_a_certificate_says_which_is_missing()
    {
        FluentActions.Invoking(() => CertificateFromPem.Load(Leaf.ExportCertificatePem(), "conn"))
            .Should().Throw<TaskInputException>().WithMessage("*no private key block*");
        FluentActions.Invoking(() => CertificateFromPem.Load(Key.ExportPkcs8PrivateKeyPem(), "conn"))
            .Should().Throw<TaskInputException>().WithMessage("*no CERTIFICATE block*");
        FluentActions.Invoking(() => CertificateFromPem.Load("not a pem at all", "conn"))
            .Should().Throw<TaskInputException>().WithMessage("*no CERTIFICATE block*");
    }

    [Test]
    public void A_key_of_another_certificate_is_refused_without_printing_the_key()
    {
        using var otherKey = RSA.Create(2048);
        var keyPem = otherKey.ExportPkcs8PrivateKeyPem();

        var failure = FluentActions.Invoking(() => CertificateFromPem.Load(Leaf.ExportCertificatePem() + "\n" + keyPem, "conn"))
            .Should().Throw<TaskInputException>().WithMessage("*does not belong to any of its 1 certificate(s)*").Which;

        var keyBody = keyPem.Split('\n')[3].Trim();
        failure.Message.Should().NotContain(keyBody);
    }

    [Test]
    public void The_description_gives_subject_thumbprint_and_validity()
    {
        CertificateFromPem.Describe(Leaf).Should().Contain("CN=leaf").And.Contain(Leaf.Thumbprint).And.Contain($"{Leaf.NotAfter.ToUniversalTime():yyyy-MM-dd}");
    }
}
