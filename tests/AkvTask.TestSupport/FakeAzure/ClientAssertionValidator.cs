using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>Checks a <c>private_key_jwt</c> client assertion the way Entra ID does: signature, issuer, subject, audience, lifetime.</summary>
internal static class ClientAssertionValidator
{
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <returns>Null when valid, else the AADSTS text explaining why not.</returns>
    public static string? Validate(string assertion, X509Certificate2 certificate, string clientId, string tokenEndpoint, DateTimeOffset now)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }

        JsonElement header;
        JsonElement payload;
        byte[] signature;
        try
        {
            header = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement;
            payload = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
            signature = Base64UrlDecode(parts[2]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return "AADSTS50027: JWT token is invalid or malformed.";
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var algorithm = header.TryGetProperty("alg", out var alg) ? alg.GetString() : null;
        if (!VerifySignature(algorithm, signed, signature, certificate))
        {
            return $"AADSTS700027: Client assertion failed signature validation. (Reason - The key was not found or the signature is invalid. Algorithm: {algorithm}.)";
        }

        if (StringClaim(payload, "iss") != clientId || StringClaim(payload, "sub") != clientId)
        {
            return "AADSTS700023: Client assertion audience claim does not match Realm issuer, or issuer and subject are not the client id.";
        }

        var audience = StringClaim(payload, "aud");
        if (audience is null || !audience.TrimEnd('/').Equals(tokenEndpoint, StringComparison.OrdinalIgnoreCase))
        {
            return $"AADSTS700212: No matching federated identity record found for presented assertion audience '{audience}'.";
        }

        var expires = NumberClaim(payload, "exp");
        var notBefore = NumberClaim(payload, "nbf");
        if (expires is null || DateTimeOffset.FromUnixTimeSeconds(expires.Value) < now - ClockSkew
            || (notBefore is not null && DateTimeOffset.FromUnixTimeSeconds(notBefore.Value) > now + ClockSkew))
        {
            return "AADSTS700024: Client assertion is not within its valid time range.";
        }

        return null;
    }

    private static bool VerifySignature(string? algorithm, byte[] data, byte[] signature, X509Certificate2 certificate)
    {
        switch (algorithm)
        {
            case "RS256" or "PS256":
                using (var rsa = certificate.GetRSAPublicKey())
                {
                    var padding = algorithm == "RS256" ? RSASignaturePadding.Pkcs1 : RSASignaturePadding.Pss;
                    return rsa is not null && rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, padding);
                }

            case "ES256":
                using (var ecdsa = certificate.GetECDsaPublicKey())
                {
                    return ecdsa is not null && ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            default:
                return false;
        }
    }

    private static string? StringClaim(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // MSAL.NET writes nbf and exp as JSON strings ("1795436066"), not numbers; Entra ID accepts both.
    private static long? NumberClaim(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt64(),
            JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) => seconds,
            _ => null,
        };
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
