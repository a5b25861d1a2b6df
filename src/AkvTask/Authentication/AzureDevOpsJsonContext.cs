using System.Text.Json.Serialization;

namespace AkvTask.Authentication;

/// <summary>Compile-time JSON contracts for Azure DevOps's answers: no reflection, so the trimmed program keeps them.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(OidcTokenReply))]
[JsonSerializable(typeof(AzureDevOpsErrorReply))]
internal sealed partial class AzureDevOpsJsonContext : JsonSerializerContext;
