using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// Azure DevOps's OIDC token endpoint for a job, on <c>dev.azure.com</c> through the fake Azure's proxy:
/// <c>POST /{organization}/{project}/_apis/distributedtask/hubs/{hub}/plans/{plan}/jobs/{job}/oidctoken?serviceConnectionId=…</c>
/// (the path behind SYSTEM_OIDCREQUESTURI and the fallback alike). It checks the bearer is the job's access token and
/// issues a JWT for each known service connection; Entra ID should accept only those (see <see cref="IsIssued"/>).
/// </summary>
public sealed class FakeAzureDevOps
{
    public const string Host = "dev.azure.com";
    public const string Organization = "contoso";
    public const string Audience = "api://AzureADTokenExchange";

    private readonly ConcurrentDictionary<string, string> _connections = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, byte> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OidcTokenRequest> _requests = new();

    private FakeAzureDevOps(string jobAccessToken) => JobAccessToken = jobAccessToken;

    /// <summary>The only bearer token the endpoint accepts.</summary>
    public string JobAccessToken { get; }

    public string OrganizationId { get; } = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f";

    /// <summary>The <c>iss</c> of every token, as Azure DevOps writes it.</summary>
    public string Issuer => $"https://vstoken.dev.azure.com/{OrganizationId}";

    public IReadOnlyList<OidcTokenRequest> Requests => _requests.ToArray();

    /// <summary>Every token handed out, for tests that look for them where they must not be.</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issued.Keys.ToArray();

    /// <summary>Answers on <see cref="Host"/> of <paramref name="azure"/> from now on.</summary>
    public static FakeAzureDevOps MapOn(FakeAzureHost azure, string jobAccessToken = "job-access-token")
    {
        var devOps = new FakeAzureDevOps(jobAccessToken);
        azure.MapHost(Host, devOps.HandleAsync);
        return devOps;
    }

    /// <summary>A workload identity federation connection whose tokens carry <paramref name="subject"/>, e.g. <c>sc://contoso/project/name</c>.</summary>
    public void AddServiceConnection(string connectionId, string subject) => _connections[connectionId] = subject;

    /// <summary>True only for the exact text of a token this fake issued.</summary>
    public bool IsIssued(string assertion) => _issued.ContainsKey(assertion);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var connectionId = request.Query["serviceConnectionId"].FirstOrDefault();
        var apiVersion = request.Query["api-version"].FirstOrDefault();
        var bearerAccepted = request.Headers.Authorization.FirstOrDefault() == "Bearer " + JobAccessToken;
        string? hub = null;

        int status;
        string body;
        if (segments is not [Organization, _, "_apis", "distributedtask", "hubs", var hubName, "plans", _, "jobs", _, "oidctoken"])
        {
            (status, body) = (404, Error("The requested resource does not exist.", "NotFoundException"));
        }
        else if (!HttpMethods.IsPost(request.Method))
        {
            hub = hubName;
            (status, body) = (405, Error("The requested resource does not support http method '" + request.Method + "'.", "HttpMethodNotAllowed"));
        }
        else if (!bearerAccepted)
        {
            hub = hubName;
            (status, body) = (401, Error("TF400813: The user '' is not authorized to access this resource.", "UnauthorizedRequestException"));
        }
        else if (apiVersion is not ("7.1" or "7.1-preview.1"))
        {
            hub = hubName;
            (status, body) = (400, Error($"The requested REST API version of {apiVersion} is not supported here.", "VssVersionNotSupportedException"));
        }
        else if (connectionId is null || !_connections.TryGetValue(connectionId, out var subject))
        {
            hub = hubName;
            (status, body) = (400, Error($"Service connection '{connectionId}' was not found, or it is not a workload identity federation connection.", "InvalidRequestException"));
        }
        else
        {
            hub = hubName;
            var token = NewToken(subject);
            _issued[token] = 0;
            (status, body) = (200, $"{{\"oidcToken\":\"{token}\"}}");
        }

        _requests.Enqueue(new OidcTokenRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", hub, connectionId, apiVersion, bearerAccepted, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private string NewToken(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = """{"typ":"JWT","alg":"RS256","x5t":"fake-devops-signing-key","kid":"fake-devops-signing-key"}""";
        var payload = $$"""{"jti":"{{Guid.NewGuid()}}","sub":"{{subject}}","aud":"{{Audience}}","iss":"{{Issuer}}","nbf":{{now}},"exp":{{now + 600}},"iat":{{now}}}""";
        return $"{Encode(Encoding.UTF8.GetBytes(header))}.{Encode(Encoding.UTF8.GetBytes(payload))}.{Encode(RandomNumberGenerator.GetBytes(256))}";
    }

    private static string Encode(byte[] bytes) => Base64Url.EncodeToString(bytes);

    private static string Error(string message, string typeKey) =>
        $$"""{"$id":"1","innerException":null,"message":"{{message}}","typeName":"Microsoft.TeamFoundation.{{typeKey}}, Microsoft.TeamFoundation.Framework.Server","typeKey":"{{typeKey}}","errorCode":0,"eventId":3000}""";
}
