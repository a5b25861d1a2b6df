using System.Buffers.Text;
using System.Text;
using AkvTask.Authentication;

namespace AkvTask.Tests.Authentication;

public class FederatedTokenClaimsTests
{
    internal static string Jwt(string payloadJson) =>
        $"{Encode("""{"typ":"JWT","alg":"RS256"}""")}.{Encode(payloadJson)}.{Encode("signature-bytes")}";

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    [Test]
    public void Reads_the_issuer_subject_and_audience_from_the_payload()
    {
        var token = Jwt("""{"iss":"https://vstoken.dev.azure.com/org-id","sub":"sc://contoso/web/conn","aud":"api://AzureADTokenExchange","exp":1}""");

        FederatedTokenClaims.TryRead(token).Should().Be(new FederatedTokenClaims("https://vstoken.dev.azure.com/org-id", "sc://contoso/web/conn", "api://AzureADTokenExchange"));
    }

    [Test]
    public void Reads_an_audience_array()
    {
        FederatedTokenClaims.TryRead(Jwt("""{"iss":"i","aud":["a","b"]}"""))!.Audience.Should().Be("a, b");
    }

    [Test]
    public void Reads_a_payload_whose_base64url_form_has_the_characters_standard_base64_lacks()
    {
        // Subjects with '?' and '>' encode to '_' and '-' in base64url.
        var payload = """{"iss":"???>>>","sub":"sc://a/b/c???"}""";
        Jwt(payload).Split('.')[1].Should().ContainAny("_", "-");

        FederatedTokenClaims.TryRead(Jwt(payload))!.Subject.Should().Be("sc://a/b/c???");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not-a-jwt")]
    [TestCase("a.b")]
    [TestCase("a..c")]
    [TestCase("eyJhbGciOiJub25lIn0.%%%.c")]
    public void Something_that_is_not_a_JWT_has_no_claims(string? token)
    {
        FederatedTokenClaims.TryRead(token).Should().BeNull();
    }

    [TestCase("[1,2]")]
    [TestCase("{\"exp\":1}")]
    [TestCase("{not json")]
    public void A_payload_without_the_claims_has_none(string payload)
    {
        FederatedTokenClaims.TryRead(Jwt(payload)).Should().BeNull();
    }

    [Test]
    public void A_payload_that_is_not_UTF8_has_no_claims()
    {
        // {"iss":"<0xFF 0xFE>"}: JSON that only fails when its text is read.
        var payload = System.Buffers.Text.Base64Url.EncodeToString([.. "{\"iss\":\""u8, 0xFF, 0xFE, .. "\"}"u8]);

        FederatedTokenClaims.TryRead($"e30.{payload}.sig").Should().BeNull();
    }
}
