using System.Text.RegularExpressions;

namespace AkvTask.Diagnostics;

/// <summary>Why signing in with the service connection failed, in words, from Entra's error (never a credential).</summary>
internal static partial class SignInAdvice
{
    public static string Describe(Exception exception, string? connectionId) =>
        $"Could not sign in with the service connection{(connectionId is null ? "" : $" '{connectionId}'")}: {EntraReason(exception)}";

    /// <summary>Azure.Identity's own message is only a header; Entra's reason (AADSTS code and sentence) is in an inner exception.</summary>
    private static string EntraReason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var reason = EntraErrorPattern().Match(e.Message);
            if (reason.Success)
            {
                return reason.Value.Trim();
            }
        }

        return FailureMessages.FirstLine(exception.Message);
    }

    [GeneratedRegex(@"AADSTS\d+:[^\r\n]*")]
    private static partial Regex EntraErrorPattern();
}
