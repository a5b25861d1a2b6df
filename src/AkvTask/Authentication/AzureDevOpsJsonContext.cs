using System.Text.Json.Serialization;

namespace AkvTask.Authentication;

/// <summary>Compile-time JSON contracts for Azure DevOps's answers: no reflection, so the trimmed program keeps them.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(OidcTokenReply))]
[JsonSerializable(typeof(AzureDevOpsErrorReply))]
internal sealed partial class AzureDevOpsJsonContext : JsonSerializerContext;

/// <summary>Azure DevOps's answer to an OIDC token request: <c>{"oidcToken": "..."}</c>.</summary>
internal sealed record OidcTokenReply([property: JsonPropertyName("oidcToken")] string? OidcToken);

/// <summary>The body of an Azure DevOps REST error: <c>{"message": "...", "typeKey": "..."}</c>.</summary>
internal sealed record AzureDevOpsErrorReply(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("typeKey")] string? TypeKey);
