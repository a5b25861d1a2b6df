using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// Entra ID's token service on any authority host: the v2.0 token endpoint (client credentials with a secret,
/// a certificate-signed assertion or a federated assertion), instance discovery and OpenID configuration.
/// </summary>
public sealed class FakeEntraId
{
    private const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(3599);

    private readonly ConcurrentDictionary<string, ServicePrincipal> _principals = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<TokenRequest> _tokenRequests = new();
    private readonly ConcurrentDictionary<string, byte> _knownAuthorityHosts = new(
        new[] { "login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net", "login.chinacloudapi.cn",
            "login.partner.microsoftonline.cn", "login.microsoftonline.us", "login.usgovcloudapi.net", "login.microsoftonline.de" }
        .Select(h => KeyValuePair.Create(h, (byte)0)),
        StringComparer.OrdinalIgnoreCase);

    public FaultRules Faults { get; } = new();

    public IReadOnlyList<TokenRequest> TokenRequests => _tokenRequests.ToArray();

    public IReadOnlyList<IssuedToken> IssuedTokens => _tokens.Values.OrderBy(t => t.ExpiresOn).ToArray();

    public ServicePrincipal AddServicePrincipal(string tenantId, string clientId, string clientSecret) =>
        Register(new ServicePrincipal(tenantId, clientId, Guid.NewGuid().ToString(), Secret: clientSecret));

    public ServicePrincipal AddServicePrincipal(string tenantId, string clientId, X509Certificate2 certificate) =>
        Register(new ServicePrincipal(tenantId, clientId, Guid.NewGuid().ToString(), Certificate: certificate));

    public ServicePrincipal AddFederatedServicePrincipal(string tenantId, string clientId, Func<string, bool> acceptAssertion) =>
        Register(new ServicePrincipal(tenantId, clientId, Guid.NewGuid().ToString(), AcceptAssertion: acceptAssertion));

    /// <summary>
    /// Lets instance discovery vouch for a login host of a private cloud (e.g. Azure Stack). Without it, MSAL's discovery
    /// of that host fails with AADSTS50049 as it does against the real Entra ID.
    /// </summary>
    public void AddKnownAuthorityHost(string host) => _knownAuthorityHosts[host] = 0;

    /// <summary>Forgets every token issued so far: Key Vault answers 401 to them from now on.</summary>
    public void RevokeAllTokens() => _tokens.Clear();

    /// <summary>
    /// From now on every token request is refused with Entra's error <paramref name="code"/> (e.g. 7000222, an expired client
    /// secret), whoever asks; dispose the result to stop. For failures the fake cannot reach through its own state.
    /// </summary>
    public IDisposable RefuseTokenRequests(int status, string error, int code, string description) =>
        Faults.Add(info => info.Kind == RequestKind.Token ? FaultAction.Respond(status, ErrorJson(error, code, description)) : null);

    /// <summary>
    /// Hands out an access token that Key Vault accepts, as if a grant had succeeded at <paramref name="authorityHost"/>: for the
    /// fakes of other token services (ADFS, a managed identity's metadata endpoint).
    /// </summary>
    internal IssuedToken Issue(string authorityHost, string tenantId, string clientId, string scope)
    {
        var token = new IssuedToken(Base64UrlToken(), authorityHost, tenantId, clientId, scope, DateTimeOffset.UtcNow + TokenLifetime);
        _tokens[token.AccessToken] = token;
        return token;
    }

    private static string ErrorJson(string error, int code, string description)
    {
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var traceId = Guid.NewGuid().ToString();
        return System.Text.Encoding.UTF8.GetString(ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", $"AADSTS{code}: {description}\r\nTrace ID: {traceId}\r\nCorrelation ID: {Guid.NewGuid()}\r\nTimestamp: {timestamp}");
            w.WriteStartArray("error_codes");
            w.WriteNumberValue(code);
            w.WriteEndArray();
            w.WriteString("timestamp", timestamp);
            w.WriteString("trace_id", traceId);
            w.WriteEndObject();
        }));
    }

    internal IssuedToken? FindToken(string accessToken) =>
        _tokens.TryGetValue(accessToken, out var token) && token.ExpiresOn > DateTimeOffset.UtcNow ? token : null;

    internal ServicePrincipal? FindPrincipal(string tenantId, string clientId) => _principals.GetValueOrDefault(Key(tenantId, clientId));

    internal async Task HandleAsync(HttpContext context, RequestInfo info, CancellationToken cancellationToken)
    {
        await Faults.ApplyLatencyAsync(cancellationToken);

        var segments = info.Path.Trim('/').Split('/');
        var tenant = segments[0];
        var kind = segments switch
        {
            [_, "oauth2", "v2.0", "token"] => RequestKind.Token,
            [_, "discovery", "instance"] => RequestKind.InstanceDiscovery,
            [_, "v2.0", ".well-known", "openid-configuration"] => RequestKind.OpenIdConfiguration,
            _ => RequestKind.Other,
        };
        info = info with { Kind = kind };
        ResponseWriter.Describe(context, info);

        var action = await Faults.DecideAsync(info, cancellationToken);
        if (action is not null && await ResponseWriter.TryAnswerAsync(context, action, a => ErrorForStatus(context, a.Status), cancellationToken))
        {
            return;
        }

        switch (kind)
        {
            case RequestKind.Token:
                await IssueTokenAsync(context, info, tenant, action, cancellationToken);
                break;
            case RequestKind.InstanceDiscovery:
                var (status, body) = InstanceDiscovery(context);
                await ResponseWriter.WriteAsync(context, status, body, action, cancellationToken);
                break;
            case RequestKind.OpenIdConfiguration:
                await ResponseWriter.WriteAsync(context, 200, OpenIdConfiguration(info.Host, tenant), action, cancellationToken);
                break;
            default:
                await ResponseWriter.WriteAsync(context, 404, Error(context, "invalid_request", 900561, "AADSTS900561: The endpoint is not supported by this fake."), action, cancellationToken);
                break;
        }
    }

    private ServicePrincipal Register(ServicePrincipal principal)
    {
        _principals[Key(principal.TenantId, principal.ClientId)] = principal;
        return principal;
    }

    private async Task IssueTokenAsync(HttpContext context, RequestInfo info, string tenant, FaultAction? shape, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            foreach (var (name, value) in form)
            {
                fields[name] = value.ToString();
            }
        }

        var (status, error, body) = Decide(context, info, tenant, fields);
        var logged = fields.ToDictionary(f => f.Key, f => f.Key is "client_secret" or "client_assertion" ? "***" : f.Value, StringComparer.Ordinal);
        _tokenRequests.Enqueue(new TokenRequest(info.Time, info.Host, tenant, logged, status, error));

        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";
        await ResponseWriter.WriteAsync(context, status, body, shape, cancellationToken);
    }

    private (int Status, string? Error, byte[] Body) Decide(HttpContext context, RequestInfo info, string tenant, Dictionary<string, string> fields)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return Fail(context, 400, "invalid_request", 900561, "AADSTS900561: The endpoint only accepts POST requests.");
        }

        foreach (var required in new[] { "grant_type", "client_id", "scope" })
        {
            if (string.IsNullOrEmpty(fields.GetValueOrDefault(required)))
            {
                return Fail(context, 400, "invalid_request", 900144, $"AADSTS900144: The request body must contain the following parameter: '{required}'.");
            }
        }

        if (fields["grant_type"] != "client_credentials")
        {
            return Fail(context, 400, "unsupported_grant_type", 70003, "AADSTS70003: The app requested an unsupported grant type.");
        }

        var clientId = fields["client_id"];
        if (!_principals.Values.Any(p => p.TenantId.Equals(tenant, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail(context, 400, "invalid_request", 90002,
                $"AADSTS90002: Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. "
                + "Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.");
        }

        var principal = FindPrincipal(tenant, clientId);
        if (principal is null)
        {
            return Fail(context, 400, "unauthorized_client", 700016,
                $"AADSTS700016: Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application "
                + "has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your "
                + "authentication request to the wrong tenant.");
        }

        var scope = fields["scope"].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => s.EndsWith("/.default", StringComparison.Ordinal));
        if (scope is null)
        {
            return Fail(context, 400, "invalid_scope", 1002012,
                $"AADSTS1002012: The provided value for scope {fields["scope"]} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).");
        }

        var credentialError = CheckCredential(context, info, tenant, principal, fields);
        if (credentialError is not null)
        {
            return credentialError.Value;
        }

        var accessToken = Base64UrlToken();
        var expiresOn = DateTimeOffset.UtcNow + TokenLifetime;
        _tokens[accessToken] = new IssuedToken(accessToken, info.Host, principal.TenantId, principal.ClientId, scope, expiresOn);
        var body = ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("token_type", "Bearer");
            w.WriteNumber("expires_in", (int)TokenLifetime.TotalSeconds);
            w.WriteNumber("ext_expires_in", (int)TokenLifetime.TotalSeconds);
            w.WriteString("access_token", accessToken);
            w.WriteEndObject();
        });
        return (200, null, body);
    }

    private static (int, string?, byte[])? CheckCredential(HttpContext context, RequestInfo info, string tenant, ServicePrincipal principal, Dictionary<string, string> fields)
    {
        if (fields.TryGetValue("client_secret", out var secret))
        {
            return principal.Secret is not null && principal.Secret == secret
                ? null
                : Fail(context, 401, "invalid_client", 7000215,
                    "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the "
                    + $"client secret ID, for a secret added to app '{principal.ClientId}'.");
        }

        if (fields.TryGetValue("client_assertion", out var assertion))
        {
            if (fields.GetValueOrDefault("client_assertion_type") != JwtBearerAssertionType)
            {
                return Fail(context, 400, "invalid_request", 7000219, "AADSTS7000219: 'client_assertion' or 'client_secret' is required.");
            }

            if (principal.Certificate is not null)
            {
                var tokenEndpoint = $"https://{info.Host}/{tenant}/oauth2/v2.0/token";
                var problem = ClientAssertionValidator.Validate(assertion, principal.Certificate, principal.ClientId, tokenEndpoint, DateTimeOffset.UtcNow);
                return problem is null ? null : Fail(context, 401, "invalid_client", ErrorCodeOf(problem), problem);
            }

            if (principal.AcceptAssertion is not null && principal.AcceptAssertion(assertion))
            {
                return null;
            }

            return Fail(context, 400, "invalid_request", 70021,
                "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Audience: 'api://AzureADTokenExchange'.");
        }

        return Fail(context, 401, "invalid_client", 7000218, "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    private static int ErrorCodeOf(string aadsts) =>
        int.Parse(aadsts.AsSpan(6, aadsts.IndexOf(':', StringComparison.Ordinal) - 6), CultureInfo.InvariantCulture);

    private static (int, string?, byte[]) Fail(HttpContext context, int status, string error, int code, string description) =>
        (status, error, Error(context, error, code, description));

    private static byte[] ErrorForStatus(HttpContext context, int status) => status == 429 || status >= 500
        ? Error(context, "temporarily_unavailable", 90033, "AADSTS90033: A transient error has occurred. Please try again.")
        : Error(context, "invalid_request", 90000, $"AADSTS90000: The request was refused by a test fault ({status}).");

    private static byte[] Error(HttpContext context, string error, int code, string description)
    {
        var timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var traceId = Guid.NewGuid().ToString();
        var correlationId = context.Request.Headers["client-request-id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        return ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", $"{description}\r\nTrace ID: {traceId}\r\nCorrelation ID: {correlationId}\r\nTimestamp: {timestamp}");
            w.WriteStartArray("error_codes");
            w.WriteNumberValue(code);
            w.WriteEndArray();
            w.WriteString("timestamp", timestamp);
            w.WriteString("trace_id", traceId);
            w.WriteString("correlation_id", correlationId);
            w.WriteString("error_uri", $"https://{context.Request.Host.Host}/error?code={code}");
            w.WriteEndObject();
        });
    }

    // MSAL asks one host about another: the authority it wants is in authorization_endpoint. Answering with that
    // same host as the preferred network keeps MSAL on the host it was given. Like Entra ID, refuse hosts that are
    // not a cloud's login host, unless a test has declared them.
    private (int Status, byte[] Body) InstanceDiscovery(HttpContext context)
    {
        var endpoint = context.Request.Query["authorization_endpoint"].FirstOrDefault();
        var host = context.Request.Host.Host;
        var tenant = "common";
        if (Uri.TryCreate(endpoint, UriKind.Absolute, out var authorize))
        {
            host = authorize.Host;
            tenant = authorize.AbsolutePath.Trim('/').Split('/')[0];
        }

        if (!_knownAuthorityHosts.ContainsKey(host))
        {
            return (400, Error(context, "invalid_instance", 50049, "AADSTS50049: Unknown or invalid instance."));
        }

        return (200, ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("tenant_discovery_endpoint", $"https://{host}/{tenant}/v2.0/.well-known/openid-configuration");
            w.WriteString("api-version", "1.1");
            w.WriteStartArray("metadata");
            w.WriteStartObject();
            w.WriteString("preferred_network", host);
            w.WriteString("preferred_cache", host);
            w.WriteStartArray("aliases");
            w.WriteStringValue(host);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }));
    }

    private static byte[] OpenIdConfiguration(string host, string tenant) => ResponseWriter.Json(w =>
    {
        var root = $"https://{host}/{tenant}";
        w.WriteStartObject();
        w.WriteString("token_endpoint", $"{root}/oauth2/v2.0/token");
        w.WriteStartArray("token_endpoint_auth_methods_supported");
        foreach (var method in new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" })
        {
            w.WriteStringValue(method);
        }

        w.WriteEndArray();
        w.WriteString("jwks_uri", $"{root}/discovery/v2.0/keys");
        w.WriteString("issuer", $"{root}/v2.0");
        w.WriteString("authorization_endpoint", $"{root}/oauth2/v2.0/authorize");
        w.WriteString("device_authorization_endpoint", $"{root}/oauth2/v2.0/devicecode");
        w.WriteString("end_session_endpoint", $"{root}/oauth2/v2.0/logout");
        w.WriteBoolean("request_uri_parameter_supported", false);
        w.WriteString("tenant_region_scope", "EU");
        w.WriteString("cloud_instance_name", host.StartsWith("login.", StringComparison.Ordinal) ? host["login.".Length..] : host);
        w.WriteEndObject();
    });

    private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(48));

    private static string Key(string tenantId, string clientId) => tenantId + "|" + clientId;
}
