using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// An Azure resource's instance metadata endpoint (IMDS), for managed identities: plain HTTP on 127.0.0.1, answering
/// <c>GET /metadata/identity/oauth2/token</c> as the real one at 169.254.169.254 does. A process reaches it through
/// Azure.Identity's documented override, the environment variable <c>AZURE_POD_IDENTITY_AUTHORITY_HOST</c> = <see cref="Url"/>.
/// Its tokens are issued by the fake Entra ID, so the fake Key Vault accepts them.
/// </summary>
public sealed class FakeInstanceMetadataService : IAsyncDisposable
{
    public const string OverrideVariable = "AZURE_POD_IDENTITY_AUTHORITY_HOST";

    private readonly FakeEntraId _entra;
    private readonly string _tenantId;
    private readonly string _authorityHost;
    private readonly ConcurrentDictionary<string, byte> _userAssigned = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<ManagedIdentityTokenRequest> _requests = new();
    private readonly ConcurrentQueue<string> _issued = new();
    private WebApplication? _server;
    private int _failuresLeft;
    private int _failureStatus;

    private FakeInstanceMetadataService(FakeEntraId entra, string tenantId, string authorityHost)
    {
        _entra = entra;
        _tenantId = tenantId;
        _authorityHost = authorityHost;
    }

    /// <summary>The endpoint's base address, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string Url { get; private set; } = "";

    /// <summary>The client id of the resource's system-assigned identity; null when it has none.</summary>
    public string? SystemAssignedClientId { get; set; }

    public IReadOnlyList<ManagedIdentityTokenRequest> Requests => _requests.ToArray();

    public IReadOnlyList<string> IssuedTokens => _issued.ToArray();

    /// <param name="authorityHost">The login host whose tokens these are, e.g. <c>login.microsoftonline.com</c>: the vault checks it.</param>
    public static async Task<FakeInstanceMetadataService> StartAsync(
        FakeEntraId entra, string tenantId = FakeAzureHost.DefaultTenantId, string authorityHost = "login.microsoftonline.com")
    {
        var service = new FakeInstanceMetadataService(entra, tenantId, authorityHost);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        service._server = builder.Build();
        service._server.Run(service.HandleAsync);
        await service._server.StartAsync();
        var address = service._server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        service.Url = $"http://127.0.0.1:{new Uri(address).Port}";
        return service;
    }

    /// <summary>The next <paramref name="count"/> token requests answer <paramref name="status"/>, as IMDS does while it is busy or being upgraded.</summary>
    public void FailNext(int count, int status)
    {
        Volatile.Write(ref _failureStatus, status);
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>Assigns a user-assigned identity to the resource.</summary>
    public void AssignUserIdentity(string clientId) => _userAssigned[clientId] = 0;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query;
        var clientId = query["client_id"].FirstOrDefault();
        var resource = query["resource"].FirstOrDefault();
        var metadataHeader = request.Headers["Metadata"].FirstOrDefault();

        var (status, body) = Answer(request, clientId, resource, metadataHeader);
        _requests.Enqueue(new ManagedIdentityTokenRequest(request.Method, request.Path.Value ?? "", query["api-version"].FirstOrDefault(), resource, clientId, metadataHeader, status));

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }

    private (int Status, string Body) Answer(HttpRequest request, string? clientId, string? resource, string? metadataHeader)
    {
        if (request.Path.Value != "/metadata/identity/oauth2/token")
        {
            return (404, Error("not_found", "The requested resource was not found."));
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return (Volatile.Read(ref _failureStatus), Error("server_error", "The instance metadata service is temporarily unavailable."));
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return (405, Error("invalid_request", "Method not allowed."));
        }

        if (!string.Equals(metadataHeader, "true", StringComparison.OrdinalIgnoreCase))
        {
            return (400, Error("invalid_request", "Required metadata header not specified"));
        }

        if (string.IsNullOrEmpty(request.Query["api-version"].FirstOrDefault()) || string.IsNullOrEmpty(resource))
        {
            return (400, Error("invalid_request", "Required query variable 'resource' or 'api-version' is missing"));
        }

        var identity = clientId is null ? SystemAssignedClientId : _userAssigned.ContainsKey(clientId) ? clientId : null;
        if (identity is null)
        {
            return (400, Error("invalid_request", "Identity not found"));
        }

        var scope = resource.TrimEnd('/') + "/.default";
        var token = _entra.Issue(_authorityHost, _tenantId, identity, scope);
        _issued.Enqueue(token.AccessToken);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expiresOn = token.ExpiresOn.ToUnixTimeSeconds();
        // IMDS writes its numbers as strings.
        return (200, string.Create(CultureInfo.InvariantCulture,
            $$"""{"access_token":"{{token.AccessToken}}","client_id":"{{identity}}","expires_in":"{{expiresOn - now}}","expires_on":"{{expiresOn}}","ext_expires_in":"{{expiresOn - now}}","not_before":"{{now}}","resource":"{{resource}}","token_type":"Bearer"}"""));
    }

    private static string Error(string error, string description) => $$"""{"error":"{{error}}","error_description":"{{description}}"}""";

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(timeout.Token);
            await _server.DisposeAsync();
        }
    }
}
