using System.Text.RegularExpressions;
using AkvTask.Errors;
using AkvTask.Publishing;
using AkvTask.Secrets;
using Azure.Identity;

namespace AkvTask.Outcome;

/// <summary>
/// The one place where failures become words: what went wrong, and what the user can do about it.
/// Built from status codes, error codes and the server's own messages; never from a secret value.
/// </summary>
internal static partial class FailureMessages
{
    public static string ForSecret(SecretFailure failure, string vaultName) =>
        $"Secret '{failure.Name}': {Describe(failure.Failure, vaultName)}{Suggestions(failure)}";

    public static string ForConflict(VariableConflict conflict) =>
        $"The {conflict.First} and the {conflict.Second} would both set the variable '{conflict.Variable}'. " +
        "Give one of them another alias in the secrets filter, or exclude one with !name.";

    public static string ForFileConflict(FileConflict conflict) => conflict.IsFile
        ? $"The {conflict.First} and the {conflict.Second} would both write the file '{conflict.Target}'. " +
          "Give one of them another alias in SecretFiles (Alias=name), or exclude one with !name."
        : $"The {conflict.First} and the {conflict.Second} would both set the variable '{conflict.Target}'. " +
          "Give the file another alias in SecretFiles, or the other variable another alias.";

    public static string ForUnsafeFileName(string secret, string reason) =>
        $"Secret '{secret}' cannot be written as a file: {reason}. Name it in SecretFiles with an alias (Alias={secret}).";

    public static string ForListing(VaultFailure failure, string vaultName) =>
        $"Listing the secrets of vault '{vaultName}' failed: {Describe(failure, vaultName, listing: true)}";

    /// <summary>Longer reasons are cut: a result line is read at a glance.</summary>
    private const int LongestReason = 2000;

    /// <summary>
    /// The last guard of a run: the reason it failed, in one line, whatever the exception holds. Describing a failure
    /// must never become a failure of its own, so anything that goes wrong here gives a plain sentence instead.
    /// </summary>
    public static string OneLineReason(Exception exception, string? connectionId)
    {
        string? reason;
        try
        {
            reason = ForRun(exception, connectionId).ReplaceLineEndings(" ").Trim();
        }
        catch (Exception)
        {
            reason = null;
        }

        if (string.IsNullOrEmpty(reason))
        {
            return $"The task failed ({exception.GetType().Name}).";
        }

        return reason.Length <= LongestReason ? reason : string.Concat(reason.AsSpan(0, LongestReason), "...");
    }

    /// <summary>A failure that ended the whole run before or while fetching.</summary>
    public static string ForRun(Exception exception, string? connectionId) => exception switch
    {
        AuthenticationFailedException or CredentialUnavailableException => SignInAdvice.Describe(exception, connectionId),
        OperationCanceledException => "The task was cancelled.",
        _ => exception.Message,
    };

    public static string Describe(VaultFailure failure, string vaultName, bool listing = false)
    {
        return failure.Kind switch
        {
            VaultFailureKind.DeniedByRbac =>
                $"access denied by Azure RBAC{Caller(failure)}. Grant the service connection's identity the 'Key Vault Secrets User' " +
                $"role on vault '{vaultName}' (Access control (IAM) > Add role assignment); role changes take a few minutes to apply.",
            VaultFailureKind.DeniedByAccessPolicy =>
                $"access denied by the vault's access policies{Caller(failure)}. Give the service connection's identity the " +
                $"'Get'{(listing ? " and 'List'" : "")} secret permissions in vault '{vaultName}' (Access policies), " +
                "or 'List' too when the filter uses * .",
            VaultFailureKind.DeniedByFirewall =>
                $"the vault's firewall does not allow the agent's address{ClientAddress(failure)}. Allow that address under " +
                $"Networking on vault '{vaultName}', run the job on a self-hosted agent inside the vault's network, " +
                "or allow trusted Microsoft services if that fits your setup.",
            VaultFailureKind.DeniedByPrivateLink =>
                $"vault '{vaultName}' accepts connections through its private endpoint only. Run the job on a self-hosted agent " +
                "in a network that reaches the private endpoint.",
            VaultFailureKind.Forbidden => $"access denied ({Codes(failure)}): {ServerText.FirstLine(failure.ServerMessage)}",
            VaultFailureKind.Disabled => "the secret is disabled. Enable it in the vault, or remove it from the secrets filter.",
            VaultFailureKind.NotFound =>
                $"vault '{vaultName}' has no secret of that name. Check the name in the secrets filter.",
            VaultFailureKind.Unauthorized =>
                $"the vault did not accept the service connection's token ({Codes(failure)}). Check that the vault is in the " +
                "connection's tenant.",
            VaultFailureKind.Throttled =>
                $"the vault still answered 429 Too Many Requests after {Tries} tries{RetryAfter(failure)}. Its request limit is shared " +
                $"by every job using vault '{vaultName}': run again later, or read fewer secrets.",
            VaultFailureKind.ServerError => $"the vault still answered {failure.Status} after {Tries} tries ({Codes(failure)}). Run again later.",
            VaultFailureKind.Unreachable =>
                $"the vault could not be reached ({failure.ServerMessage}). Check the vault name '{vaultName}' and that the agent " +
                "can reach it (DNS, proxy, firewall).",
            VaultFailureKind.CertificateRejected =>
                $"the vault's TLS certificate is not trusted ({failure.ServerMessage}). If the agent reaches Azure through a " +
                "TLS-inspecting proxy, give the agent that proxy's certificate authority (config.sh --sslcacert, which sets AGENT_CAINFO).",
            VaultFailureKind.TimedOut =>
                $"the vault did not answer within {VaultClientFactory.TryTimeout.TotalSeconds:0} s, {failure.Attempts} tries. " +
                "Check the agent's network and proxy, then run again.",
            VaultFailureKind.MalformedResponse => $"the vault's answer could not be read ({ServerText.FirstLine(failure.ServerMessage)}).",
            VaultFailureKind.Other => $"{(failure.Status > 0 ? $"status {failure.Status} ({Codes(failure)}): " : "")}{ServerText.FirstLine(failure.ServerMessage)}",
        };
    }

    private const int Tries = VaultClientFactory.MaxRetries + 1;

    private static string Suggestions(SecretFailure failure) =>
        failure.Suggestions is { Count: > 0 } names ? $" Did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?" : "";

    private static string Codes(VaultFailure failure) =>
        string.Join(", ", new[] { failure.Status > 0 ? failure.Status.ToString() : null, failure.ErrorCode, failure.InnerErrorCode }.OfType<string>());

    private static string Caller(VaultFailure failure)
    {
        var match = CallerPattern().Match(failure.ServerMessage ?? "");
        return match.Success ? $" for {match.Value}" : "";
    }

    private static string ClientAddress(VaultFailure failure)
    {
        var match = ClientAddressPattern().Match(failure.ServerMessage ?? "");
        return match.Success ? $" {match.Groups[1].Value}" : "";
    }

    private static string RetryAfter(VaultFailure failure) =>
        failure.RetryAfter is { } wait ? $" (last Retry-After: {Math.Ceiling(wait.TotalSeconds)} s)" : "";

    [GeneratedRegex(@"appid=[0-9a-fA-F-]+(;oid=[0-9a-fA-F-]+)?")]
    private static partial Regex CallerPattern();

    [GeneratedRegex(@"Client address:\s*([0-9a-fA-F:.]+)")]
    private static partial Regex ClientAddressPattern();
}
