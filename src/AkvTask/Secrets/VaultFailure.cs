using System.Text.Json;
using AkvTask.Errors;
using Azure;

namespace AkvTask.Secrets;

/// <summary>
/// A failed vault request as data: its kind, status, error codes and the server's message. The words a user
/// reads are made from this in one place (Outcome/FailureMessages); nothing here holds a secret value.
/// </summary>
internal sealed record VaultFailure(
    VaultFailureKind Kind,
    int Status,
    string? ErrorCode,
    string? InnerErrorCode,
    string? ServerMessage,
    TimeSpan? RetryAfter = null,
    int Attempts = 1)
{
    public static VaultFailure From(Exception exception) => exception switch
    {
        RequestFailedException { Status: > 0 } failed => FromResponse(failed),
        RequestFailedException failed => FromNoResponse(failed.InnerException ?? failed, attempts: 1),
        AggregateException retried => FromNoResponse(retried.InnerExceptions[^1], retried.InnerExceptions.Count),
        JsonException or FormatException =>
            new VaultFailure(VaultFailureKind.MalformedResponse, 0, null, null, exception.Message),
        _ => FromNoResponse(exception, attempts: 1),
    };

    private static VaultFailure FromResponse(RequestFailedException failed)
    {
        var (code, innerCode, message) = ReadErrorBody(failed.GetRawResponse());
        code ??= failed.ErrorCode;
        var kind = failed.Status switch
        {
            403 => (innerCode ?? code) switch
            {
                "SecretDisabled" => VaultFailureKind.Disabled,
                "ForbiddenByRbac" => VaultFailureKind.DeniedByRbac,
                "ForbiddenByPolicy" or "AccessDenied" => VaultFailureKind.DeniedByAccessPolicy,
                "ForbiddenByFirewall" => VaultFailureKind.DeniedByFirewall,
                "ForbiddenByConnection" => VaultFailureKind.DeniedByPrivateLink,
                _ => VaultFailureKind.Forbidden,
            },
            404 => VaultFailureKind.NotFound,
            401 => VaultFailureKind.Unauthorized,
            429 => VaultFailureKind.Throttled,
            >= 500 => VaultFailureKind.ServerError,
            _ => VaultFailureKind.Other,
        };

        return new VaultFailure(kind, failed.Status, code, innerCode, message, Secrets.RetryAfter.Read(failed.GetRawResponse()));
    }

    private static VaultFailure FromNoResponse(Exception last, int attempts)
    {
        var kind = last switch
        {
            _ when last.Find<System.Security.Authentication.AuthenticationException>() is not null => VaultFailureKind.CertificateRejected,
            OperationCanceledException => VaultFailureKind.TimedOut,
            HttpRequestException or RequestFailedException { Status: 0 } => VaultFailureKind.Unreachable,
            _ => VaultFailureKind.Other,
        };

        return new VaultFailure(kind, 0, null, null, last.Chain().Last().Message, Attempts: attempts);
    }

    private static (string? Code, string? InnerCode, string? Message) ReadErrorBody(Response? response)
    {
        if (response?.Content is not { } content || content.ToMemory().Length == 0)
        {
            return (null, null, null);
        }

        try
        {
            using var body = JsonDocument.Parse(content.ToMemory());
            if (!body.RootElement.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            return (
                StringProperty(error, "code"),
                error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object ? StringProperty(inner, "code") : null,
                StringProperty(error, "message"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or JSON whose text cannot be read (invalid UTF-8, a lone surrogate): the status still says enough.
            return (null, null, null);
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
