using System.Text.Json.Serialization;

namespace AkvTask.Authentication;

/// <summary>Azure DevOps's answer to an OIDC token request: <c>{"oidcToken": "..."}</c>.</summary>
internal sealed record OidcTokenReply([property: JsonPropertyName("oidcToken")] string? OidcToken);
