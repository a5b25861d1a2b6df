using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// Active Directory Federation Services as Azure Stack Hub uses it: <c>POST https://{host}/adfs/oauth2/token</c> with a client
/// secret, for principals registered with the fake Entra ID under the tenant <c>adfs</c>. ADFS has no instance discovery:
/// a client must go straight to its token endpoint. Its tokens are accepted by vaults whose authority is this host.
/// </summary>
public sealed class FakeAdfs
{
    public const string Tenant = "adfs";

    private readonly FakeEntraId _entra;
    private readonly ConcurrentQueue<string> _requests = new();

    private FakeAdfs(FakeEntraId entra, string host)
    {
        _entra = entra;
        Host = host;
    }

    public string Host { get; }

    /// <summary>The authority as an Azure Stack connection's data gives it (environmentAuthorityUrl).</summary>
    public string AuthorityUrl => $"https://{Host}/adfs/";

    /// <summary>Every request's method and path, in order.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    public static FakeAdfs MapOn(FakeAzureHost azure, string host = "adfs.local.azurestack.external")
    {
        var adfs = new FakeAdfs(azure.Entra, host);
        azure.MapHost(host, adfs.HandleAsync);
        return adfs;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        _requests.Enqueue($"{request.Method} {request.Path}{request.QueryString}");

        var (status, body) = request.Path.Value?.TrimEnd('/') == "/adfs/oauth2/token" && HttpMethods.IsPost(request.Method) && request.HasFormContentType
            ? Token(await request.ReadFormAsync(context.RequestAborted))
            : (404, Error("invalid_request", "MSIS9921: Received invalid request. The endpoint is not supported by this fake."));

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private (int Status, string Body) Token(IFormCollection form)
    {
        var clientId = form["client_id"].ToString();
        var scope = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith("/.default", StringComparison.Ordinal));
        if (form["grant_type"] != "client_credentials" || scope is null)
        {
            return (400, Error("invalid_request", "MSIS9602: The received 'grant_type' or 'scope' parameter is invalid."));
        }

        var principal = _entra.FindPrincipal(Tenant, clientId);
        if (principal?.Secret is null || principal.Secret != form["client_secret"].ToString())
        {
            return (401, Error("invalid_client", "MSIS9607: The 'client_secret' parameter in the request is invalid, or the client is not registered."));
        }

        var token = _entra.Issue(Host, Tenant, clientId, scope);
        var seconds = (int)(token.ExpiresOn - DateTimeOffset.UtcNow).TotalSeconds;
        return (200, string.Create(CultureInfo.InvariantCulture,
            $$"""{"access_token":"{{token.AccessToken}}","token_type":"bearer","expires_in":{{seconds}}}"""));
    }

    private static string Error(string error, string description) => $$"""{"error":"{{error}}","error_description":"{{description}}"}""";
}
