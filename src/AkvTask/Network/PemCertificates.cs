using System.Buffers;
using System.Buffers.Text;
using System.Formats.Asn1;
using System.Security.Cryptography;

namespace AkvTask.Network;

/// <summary>
/// The certificates of a PEM file as OpenSSL's reader finds them (CERTIFICATE and X509 CERTIFICATE blocks, other
/// blocks skipped), each named by its DER bytes in plain base64, one line: the same certificate gets the same name
/// however its file wraps the lines. No hashing: OpenSSL first brought up on this thread, this early, raises the step's
/// peak memory (docs/performance.md). Anything this reading is not sure of makes the file unknown (null): a block it cannot
/// decode, or a BEGIN line it cannot match to a block.
/// </summary>
internal static class PemCertificates
{
    public static IReadOnlyList<string>? Read(ReadOnlySpan<byte> pem)
    {
        var found = new List<string>();
        var blocks = 0;
        var rest = pem;
        while (PemEncoding.TryFindUtf8(rest, out var fields))
        {
            blocks++;
            var label = rest[fields.Label];
            if (label.SequenceEqual("CERTIFICATE"u8) || label.SequenceEqual("X509 CERTIFICATE"u8))
            {
                if (Name(rest[fields.Base64Data], fields.DecodedDataLength) is not { } name)
                {
                    return null;
                }

                found.Add(name);
            }

            rest = rest[fields.Location.End..];
        }

        return Count(pem, "-----BEGIN "u8) == blocks ? found : null;
    }

    private static string? Name(ReadOnlySpan<byte> base64, int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var der = buffer.AsSpan(0, length);
            if (Base64.DecodeFromUtf8(base64, der, out _, out var written) != OperationStatus.Done || written != length)
            {
                return null;
            }

            // One complete DER value and nothing after it, as a certificate is.
            AsnDecoder.ReadEncodedValue(der, AsnEncodingRules.DER, out _, out _, out var consumed);
            if (consumed != length || der[0] != 0x30)
            {
                return null;
            }

            return Convert.ToBase64String(der);
        }
        catch (AsnContentException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Count(ReadOnlySpan<byte> text, ReadOnlySpan<byte> marker)
    {
        var count = 0;
        for (var at = text.IndexOf(marker); at >= 0; at = text.IndexOf(marker))
        {
            count++;
            text = text[(at + marker.Length)..];
        }

        return count;
    }
}
