namespace AkvTask.TestSupport.FakeAzure;

/// <summary>Key Vault's error bodies, with the codes and wording the real service uses.</summary>
internal static class KeyVaultErrors
{
    public static byte[] Body(string code, string message, string? innerCode = null) => ResponseWriter.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        if (innerCode is not null)
        {
            w.WriteStartObject("innererror");
            w.WriteString("code", innerCode);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static byte[] SecretNotFound(string nameOrId) => Body("SecretNotFound",
        $"A secret with (name/id) {nameOrId} was not found in this key vault. If you recently deleted this secret you may be able to recover it "
        + "using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");

    public static byte[] SecretDisabled() =>
        Body("Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");

    public static byte[] Throttled() => Body("Throttled",
        "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");

    public static byte[] ForStatus(int status) => status switch
    {
        429 => Throttled(),
        400 => Body("BadParameter", "The request was refused by a test fault."),
        401 => Body("Unauthorized", "AKV10000: Request is missing a Bearer or PoP token."),
        403 => Body("Forbidden", "The request was refused by a test fault."),
        404 => Body("NotFound", "The request was refused by a test fault."),
        503 => Body("ServiceUnavailable", "The service is temporarily unavailable. Please retry later."),
        _ when status >= 500 => Body("InternalServerError", "An unexpected error occurred while processing the request."),
        _ => Body("Unknown", $"The request was refused by a test fault ({status})."),
    };

    /// <param name="caller">e.g. <c>appid=…;oid=…;iss=https://sts.windows.net/…/</c>.</param>
    /// <param name="secretName">The secret a get was for; null for a list.</param>
    public static byte[] Forbidden(ForbiddenReason reason, FakeKeyVault vault, string caller, string? secretName)
    {
        var where = $"{vault.Name};location={vault.Options.Location}";
        var permission = secretName is null ? "list" : "get";
        return reason switch
        {
            ForbiddenReason.Rbac => Body("Forbidden",
                "Caller is not authorized to perform action on resource.\r\n"
                + "If role assignments, deny assignments or role definitions were changed recently, please observe propagation time.\r\n"
                + $"Caller: {caller}\r\n"
                + $"Action: 'Microsoft.KeyVault/vaults/secrets/{(secretName is null ? "readMetadata" : "getSecret")}/action'\r\n"
                + $"Resource: '{ResourceId(vault, secretName)}'\r\n"
                + "Assignment: (not found)\r\n"
                + "DenyAssignmentId: null\r\n"
                + "DecisionReason: null \r\n"
                + $"Vault: {where}\r\n",
                "ForbiddenByRbac"),
            ForbiddenReason.AccessPolicy => Body("Forbidden",
                $"The user, group or application '{caller}' does not have secrets {permission} permission on key vault '{where}'. "
                + "For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125287",
                "AccessDenied"),
            ForbiddenReason.Firewall => Body("Forbidden",
                "Client address is not authorized and caller is not a trusted service.\r\n"
                + $"Client address: {vault.Options.ClientAddress}\r\n"
                + $"Caller: {caller}\r\n"
                + $"Vault: {where}",
                "ForbiddenByFirewall"),
            ForbiddenReason.PrivateLink => Body("Forbidden",
                "Public network access is disabled and request is not from a trusted service nor via an approved private link.\r\n"
                + $"Caller: {caller}\r\n"
                + $"Vault: {where}",
                "ForbiddenByConnection"),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
        };
    }

    private static string ResourceId(FakeKeyVault vault, string? secretName)
    {
        var id = $"/subscriptions/{vault.Options.SubscriptionId}/resourcegroups/{vault.Options.ResourceGroup}/providers/microsoft.keyvault/vaults/{vault.Name}";
        return (secretName is null ? id + "/secrets" : $"{id}/secrets/{secretName}").ToLowerInvariant();
    }
}
