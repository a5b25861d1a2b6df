using System.Text.Json.Serialization;

namespace AkvTask.Authentication;

/// <summary>The body of an Azure DevOps REST error: <c>{"message": "...", "typeKey": "..."}</c>.</summary>
internal sealed record AzureDevOpsErrorReply(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("typeKey")] string? TypeKey);
