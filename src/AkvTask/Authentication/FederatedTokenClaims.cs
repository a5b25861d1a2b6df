using System.Buffers.Text;
using System.Text.Json;

namespace AkvTask.Authentication;

/// <summary>
/// The claims of an OIDC token that Entra ID compares with an app's federated credentials. They are public facts
/// about the token (who issued it, for which connection), not the token: printing them lets a user fix the mismatch.
/// </summary>
internal sealed record FederatedTokenClaims(string? Issuer, string? Subject, string? Audience)
{
    /// <summary>Reads the payload (the middle part) of a JWT without checking its signature; null when it is not a JWT.</summary>
    public static FederatedTokenClaims? TryRead(string? jwt)
    {
        var parts = jwt?.Split('.');
        if (parts is not { Length: 3 } || parts[1].Length == 0)
        {
            return null;
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            if (payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var claims = new FederatedTokenClaims(Text(payload.RootElement, "iss"), Text(payload.RootElement, "sub"), Text(payload.RootElement, "aud"));
            return claims is { Issuer: null, Subject: null, Audience: null } ? null : claims;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    // "aud" may be one string or an array of them.
    private static string? Text(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
            _ => null,
        };
    }
}
