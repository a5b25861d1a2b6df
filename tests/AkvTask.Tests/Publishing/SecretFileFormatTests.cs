using AkvTask.Publishing;
using AkvTask.Tests.Package;

namespace AkvTask.Tests.Publishing;

public sealed class SecretFileFormatTests
{
    [Test]
    public void The_certificate_formats_are_the_choices_task_json_offers_with_the_same_default()
    {
        var input = PackageSources.TaskJson()["inputs"]!.AsArray().Single(i => (string?)i!["name"] == "CertificateFormat")!;

        input["options"]!.AsObject().Select(option => option.Key).Should().Equal(SecretFileFormat.CertificateFormats.Select(f => f.Name));
        ((string?)input["defaultValue"]).Should().Be(SecretFileFormat.DefaultCertificateFormat.Name);
    }

    [TestCase("application/x-pkcs12", "pem", "web.pem")]
    [TestCase("application/x-pem-file; charset=utf-8", "pfx", "web.pfx")]
    [TestCase("text/plain", "pem", "web")]
    [TestCase(null, "pfx", "web")]
    public void A_certificate_s_content_type_picks_the_certificate_format_and_its_extension(string? contentType, string certificateFormat, string fileName)
    {
        var format = SecretFileFormat.For(contentType, SecretFileFormat.CertificateFormat(certificateFormat)!);

        format.FileName("web").Should().Be(fileName);
        format.FileName(fileName).Should().Be(fileName, "a name that already has the extension keeps it");
    }

    [Test]
    public void Every_format_has_its_own_name_and_words()
    {
        SecretFileFormat.All.Select(f => f.Name).Should().OnlyHaveUniqueItems();
        SecretFileFormat.All.Select(f => f.Description).Should().OnlyHaveUniqueItems().And.NotContain(string.Empty);
        SecretFileFormat.CertificateFormat("PEM").Should().BeSameAs(SecretFileFormat.Pem);
        SecretFileFormat.CertificateFormat("value").Should().BeNull("a plain value is no way to write a certificate");
    }
}
