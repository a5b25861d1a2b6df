using System.Formats.Asn1;
using System.Security.Cryptography;

namespace AkvTask.Network;

/// <summary>
/// The certificates of a PEM file as OpenSSL's reader finds them (CERTIFICATE and X509 CERTIFICATE blocks, other
/// blocks skipped), each named by the SHA-256 of its DER bytes. Anything this reading is not sure of makes the file
/// unknown (null): a block it cannot decode, or a BEGIN line it cannot match to a block.
/// </summary>
internal static class PemCertificates
{
    private const string BeginMarker = "-----BEGIN ";

    public static IReadOnlyList<string>? Read(string text)
    {
        var found = new List<string>();
        var blocks = 0;
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            blocks++;
            var label = rest[fields.Label];
            if (label is "CERTIFICATE" or "X509 CERTIFICATE")
            {
                if (Der(rest[fields.Base64Data], fields.DecodedDataLength) is not { } der)
                {
                    return null;
                }

                found.Add(Convert.ToHexString(SHA256.HashData(der)));
            }

            rest = rest[fields.Location.End..];
        }

        return Count(text, BeginMarker) == blocks ? found : null;
    }

    private static byte[]? Der(ReadOnlySpan<char> base64, int length)
    {
        var der = new byte[length];
        if (!Convert.TryFromBase64Chars(base64, der, out var written) || written != length)
        {
            return null;
        }

        try
        {
            // One complete DER value and nothing after it, as a certificate is.
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out var consumed);
            return consumed == der.Length && der[0] == 0x30 ? der : null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    private static int Count(string text, string marker)
    {
        var count = 0;
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
