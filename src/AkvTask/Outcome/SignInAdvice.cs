using System.Globalization;
using System.Text.RegularExpressions;
using AkvTask.Authentication;
using AkvTask.Errors;
using Azure.Identity;

namespace AkvTask.Outcome;

/// <summary>
/// Why signing in with the service connection failed, in words, and what to do about it. Built from what was tried
/// (<see cref="SignInAttempt"/>) and from Entra ID's error code; never from a credential or a token.
/// </summary>
internal static partial class SignInAdvice
{
    private const string MetadataEndpoint = "169.254.169.254";

    public static string Describe(Exception exception, string? connectionId)
    {
        if (exception.Find<SignInFailedException>() is { } failure)
        {
            var attempt = failure.Attempt;
            return $"Could not sign in with the service connection '{attempt.ConnectionId}' ({attempt.MethodDescription}): {Advise(failure)}";
        }

        // Not a service connection's credential (the check command signs in as the user): Entra's own reason.
        return $"Could not sign in with the service connection{(connectionId is null ? "" : $" '{connectionId}'")}: {EntraReason(exception)?.Text ?? ServerText.FirstLine(exception.Message)}";
    }

    /// <summary>What went wrong and what to do, for a failure of the connection's credential.</summary>
    internal static string Advise(SignInFailedException failure)
    {
        var attempt = failure.Attempt;
        if (failure.Find<OidcTokenRequestException>() is { } oidc)
        {
            return ForOidcToken(oidc);
        }

        if (attempt.Method == SignInMethod.ManagedIdentity && EntraReason(failure) is null)
        {
            return ForManagedIdentity(attempt, failure);
        }

        if (OtherTenantPattern().Match(AllMessages(failure)) is { Success: true } otherTenant)
        {
            return $"the vault belongs to tenant '{otherTenant.Groups[1].Value}', but the service connection signs in to tenant '{attempt.TenantId}'. " +
                "Use a service connection of the vault's tenant, or a vault in the connection's tenant.";
        }

        var reason = EntraReason(failure);
        var app = $"app '{attempt.ClientId}'";
        var advice = reason?.Code switch
        {
            7000222 =>
                $"the client secret of {app} has expired. Add a new client secret to the app registration in Entra ID (Certificates & secrets), " +
                "then edit the service connection and paste the new secret's value. A connection that uses workload identity federation has no secret to expire.",
            7000215 =>
                $"Entra ID did not accept the client secret of {app}: it is not one of the app's secrets. Edit the service connection and paste the " +
                "secret's value (not its secret ID) from the app registration's Certificates & secrets.",
            700016 =>
                $"tenant '{attempt.TenantId}' has no application with client id '{attempt.ClientId}'. Check the service connection's service principal " +
                $"(client) id and tenant id, and its environment (cloud, now {attempt.AuthorityHost.Host}): the app may live in another tenant or cloud, or have been deleted.",
            90002 or 900023 =>
                $"tenant '{attempt.TenantId}' was not found at {attempt.AuthorityHost.Host}. Check the service connection's tenant id and its environment (cloud).",
            700027 or 7000274 or 700023 when attempt.Method == SignInMethod.ClientCertificate =>
                $"{app} does not have the connection's certificate ({attempt.CertificateDescription}). Upload the certificate (its public part) to the app " +
                "registration under Certificates & secrets > Certificates, or edit the service connection to use a certificate the app has.",
            70021 or 700211 or 700212 or 700213 =>
                $"no federated credential of {app} matches the OIDC token Azure DevOps issued for this connection. {TokenClaims(failure.FederatedToken)} " +
                "The app's federated credential (app registration > Certificates & secrets > Federated credentials) must have exactly this issuer and subject, " +
                "and audience api://AzureADTokenExchange.",
            _ => null,
        };

        if (advice is null)
        {
            return reason?.Text ?? UnknownReason(failure);
        }

        return $"{advice} (Entra ID: {reason!.Value.Text})";
    }

    private static string ForOidcToken(OidcTokenRequestException oidc) => oidc.Problem switch
    {
        OidcTokenProblem.JobAccessTokenMissing =>
            "the job's access token was not given to the task, and without it the task cannot ask Azure DevOps for the connection's OIDC token. " +
            "In a classic pipeline, enable 'Allow scripts to access the OAuth token' on the agent job; in YAML, check that nothing removes " +
            "System.AccessToken from the job.",
        OidcTokenProblem.JobVariablesMissing =>
            "the job variables that locate Azure DevOps's OIDC token endpoint are missing (SYSTEM_OIDCREQUESTURI, or SYSTEM_COLLECTIONURI, " +
            "SYSTEM_TEAMPROJECTID, SYSTEM_HOSTTYPE, SYSTEM_PLANID and SYSTEM_JOBID). Workload identity federation works only in an Azure Pipelines job.",
        OidcTokenProblem.Refused when oidc.Status is 401 or 403 =>
            $"Azure DevOps ({oidc.Host}) refused the job's access token when asked for the connection's OIDC token ({ServerSaid(oidc)}). " +
            "Check that the pipeline is authorized to use the service connection, and in a classic pipeline that 'Allow scripts to access the " +
            "OAuth token' is enabled on the agent job.",
        OidcTokenProblem.Refused =>
            $"Azure DevOps ({oidc.Host}) issued no OIDC token for the connection ({ServerSaid(oidc)}). Check that the service connection uses " +
            "workload identity federation and that the pipeline is authorized to use it.",
        OidcTokenProblem.Unreachable =>
            $"Azure DevOps ({oidc.Host}) could not be reached to get the connection's OIDC token ({Clause(oidc.ServerMessage ?? "no answer")}). Check the agent's network and proxy settings.",
        OidcTokenProblem.MalformedReply => $"Azure DevOps ({oidc.Host}) answered without an OIDC token. Run the job again; if it keeps failing, use another kind of service connection.",
    };

    private static string ForManagedIdentity(SignInAttempt attempt, Exception failure)
    {
        var messages = AllMessages(failure);
        var identity = attempt.ClientId is null ? "a system-assigned managed identity" : $"the user-assigned managed identity with client id '{attempt.ClientId}'";
        if (messages.Contains("Identity not found", StringComparison.OrdinalIgnoreCase)
            || messages.Contains("has not been assigned", StringComparison.OrdinalIgnoreCase))
        {
            return $"the agent is not running on an Azure resource with {identity}: the machine's instance metadata endpoint answered that it has no such identity. " +
                "Assign the identity to the agent's virtual machine or scale set, or check the client id in the service connection.";
        }

        return $"the agent is not running on an Azure resource with {identity}: the instance metadata endpoint ({MetadataEndpoint}) gave no token " +
            $"({Clause(InnermostMessage(failure))}). A managed identity connection works only on a self-hosted agent that runs on an " +
            "Azure virtual machine or scale set with that identity; elsewhere, use workload identity federation or a service principal.";
    }

    private static string TokenClaims(FederatedTokenClaims? claims) => claims is null
        ? "The token's issuer and subject could not be read."
        : $"The token's issuer is '{claims.Issuer}' and its subject is '{claims.Subject}'" +
          (claims.Audience is null or "api://AzureADTokenExchange" ? "." : $" (audience '{claims.Audience}').");

    private static string ServerSaid(OidcTokenRequestException oidc) =>
        string.Create(CultureInfo.InvariantCulture, $"{oidc.Status}{(oidc.ServerMessage is null ? "" : $": {Clause(oidc.ServerMessage)}")}");

    /// <summary>A server's first line, to be put in parentheses inside a sentence: without its closing full stop.</summary>
    private static string Clause(string text) => ServerText.FirstLine(text).TrimEnd('.');

    /// <summary>Azure.Identity's own message is only a header; Entra's reason (AADSTS code and sentence) is in an inner exception.</summary>
    private static (int Code, string Text)? EntraReason(Exception exception)
    {
        foreach (var e in exception.Chain())
        {
            var reason = EntraErrorPattern().Match(e.Message);
            if (reason.Success)
            {
                // A code too big for an int is no code this task knows: the text is still Entra's reason.
                var code = int.TryParse(reason.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
                return (code, reason.Value.Trim());
            }
        }

        return null;
    }

    /// <summary>
    /// No code this task knows: the innermost Azure.Identity message, and when that is only a header ("... failed:"),
    /// the deepest message of the chain (MSAL's or the network's), which says why.
    /// </summary>
    private static string UnknownReason(Exception failure)
    {
        var reason = ServerText.FirstLine(InnermostMessage(failure));
        return reason.EndsWith(':') ? $"{reason} {ServerText.FirstLine(failure.Chain().Last().Message)}" : reason;
    }

    private static string AllMessages(Exception exception) => string.Join("\n", exception.Chain().Select(e => e.Message));

    // The wrapper's own message repeats the inner one; the innermost Azure.Identity or network message says the most.
    private static string InnermostMessage(Exception exception) =>
        exception.Chain().Skip(1).LastOrDefault(e => e is AuthenticationFailedException or CredentialUnavailableException)?.Message ?? exception.Message;

    // [0-9], not \d: \d would also match the digits of other scripts, which no Entra code has.
    [GeneratedRegex(@"AADSTS([0-9]+):[^\r\n]*")]
    private static partial Regex EntraErrorPattern();

    [GeneratedRegex(@"not configured to acquire tokens for tenant '?([0-9A-Za-z\-]+(?:\.[0-9A-Za-z\-]+)*)")]
    private static partial Regex OtherTenantPattern();
}
