using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// One Key Vault at <c>https://{name}.{dnsSuffix}</c>: challenge authentication, secret listing with paging,
/// gets by name and version, and the real error bodies. Thread-safe; change secrets while requests are in flight.
/// </summary>
public sealed partial class FakeKeyVault
{
    public const int MaxPageSize = 25;

    private readonly object _gate = new();
    private readonly Dictionary<string, List<FakeSecretVersion>> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly FakeEntraId _entra;

    internal FakeKeyVault(string name, FakeVaultOptions options, FakeEntraId entra)
    {
        Name = name;
        Options = options;
        _entra = entra;
    }

    public string Name { get; }

    public FakeVaultOptions Options { get; }

    public string Host => $"{Name}.{Options.DnsSuffix}".ToLowerInvariant();

    public Uri Uri => new($"https://{Host}/");

    public FaultRules Faults { get; } = new();

    /// <summary>Stores a new version of the secret (creating the secret on first use, keeping the first casing of its name).</summary>
    /// <returns>The new version id.</returns>
    public string SetSecret(
        string name,
        string value,
        string? contentType = null,
        bool enabled = true,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        IReadOnlyDictionary<string, string>? tags = null,
        bool managed = false)
    {
        if (!ValidName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid Key Vault secret name (1-127 of 0-9, a-z, A-Z, -).", nameof(name));
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var version = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            if (!_secrets.TryGetValue(name, out var versions))
            {
                _secrets[name] = versions = [];
            }

            var storedName = versions.Count > 0 ? versions[0].Name : name;
            versions.Add(new FakeSecretVersion(storedName, version, value, enabled, notBefore, expires, contentType, tags, managed, now, now));
        }

        return version;
    }

    /// <summary>Adds <paramref name="count"/> secrets named <c>{prefix}0001</c>, <c>{prefix}0002</c>… with values from <paramref name="value"/> (default <c>value-{i}</c>).</summary>
    /// <returns>The names, in order.</returns>
    public IReadOnlyList<string> AddSecrets(int count, string prefix = "secret-", Func<int, string>? value = null)
    {
        var names = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var name = prefix + i.ToString("D4", CultureInfo.InvariantCulture);
            SetSecret(name, value?.Invoke(i) ?? $"value-{i}");
            names.Add(name);
        }

        return names;
    }

    /// <summary>Enables or disables one version (the latest when <paramref name="version"/> is null).</summary>
    public void SetEnabled(string name, bool enabled, string? version = null)
    {
        lock (_gate)
        {
            var versions = _secrets.GetValueOrDefault(name) ?? throw new KeyNotFoundException($"No secret '{name}' in vault '{Name}'.");
            var index = version is null ? versions.Count - 1 : versions.FindIndex(v => v.Version == version);
            if (index < 0)
            {
                throw new KeyNotFoundException($"No version '{version}' of secret '{name}' in vault '{Name}'.");
            }

            var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            versions[index] = versions[index] with { Enabled = enabled, Updated = now };
        }
    }

    public bool RemoveSecret(string name)
    {
        lock (_gate)
        {
            return _secrets.Remove(name);
        }
    }

    /// <summary>The version that a get would read (the latest when <paramref name="version"/> is null), or null.</summary>
    public FakeSecretVersion? GetSecret(string name, string? version = null)
    {
        lock (_gate)
        {
            var versions = _secrets.GetValueOrDefault(name);
            return version is null ? versions?.LastOrDefault() : versions?.Find(v => v.Version == version);
        }
    }

    /// <summary>The latest version of every secret, ordered by name as the vault lists them.</summary>
    public IReadOnlyList<FakeSecretVersion> GetSecrets()
    {
        lock (_gate)
        {
            return _secrets.Values.Select(v => v[^1]).OrderBy(v => v.Name, StringComparer.OrdinalIgnoreCase).ToArray();
        }
    }

    public IReadOnlyList<FakeSecretVersion> GetVersions(string name)
    {
        lock (_gate)
        {
            return _secrets.GetValueOrDefault(name)?.ToArray() ?? [];
        }
    }

    internal async Task HandleAsync(HttpContext context, RequestInfo info, CancellationToken cancellationToken)
    {
        await Faults.ApplyLatencyAsync(cancellationToken);

        info = Classify(info);
        ResponseWriter.Describe(context, info);
        AddServiceHeaders(context);

        var token = Authenticate(context, info, out var problem);
        if (token is null)
        {
            context.Response.Headers.WWWAuthenticate =
                $"Bearer authorization=\"{Options.AuthorityHost.TrimEnd('/')}/{Options.TenantId}\", resource=\"{Options.Resource}\"";
            await ResponseWriter.WriteAsync(context, 401, KeyVaultErrors.Body("Unauthorized", problem!), null, cancellationToken);
            return;
        }

        info = info with { ClientId = token.ClientId };
        ResponseWriter.Describe(context, info);

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await ResponseWriter.WriteAsync(context, 405, KeyVaultErrors.Body("BadParameter", $"The method {context.Request.Method} is not supported by this fake."), null, cancellationToken);
            return;
        }

        var apiVersion = context.Request.Query["api-version"].FirstOrDefault();
        if (string.IsNullOrEmpty(apiVersion))
        {
            await ResponseWriter.WriteAsync(context, 400, KeyVaultErrors.Body("BadParameter", "The api-version query parameter is missing."), null, cancellationToken);
            return;
        }

        if (info.SecretName is not null && !ValidName().IsMatch(info.SecretName))
        {
            await ResponseWriter.WriteAsync(context, 400, KeyVaultErrors.Body("BadParameter", $"The request URI contains an invalid name: {info.SecretName}"), null, cancellationToken);
            return;
        }

        var action = await Faults.DecideAsync(info, cancellationToken);
        if (action is not null && await ResponseWriter.TryAnswerAsync(context, action, a => ErrorFor(a, token, info), cancellationToken))
        {
            return;
        }

        var (status, body) = info.Kind switch
        {
            RequestKind.SecretList => List(context, apiVersion, info.Path, null),
            RequestKind.SecretVersionList => List(context, apiVersion, info.Path, info.SecretName),
            RequestKind.SecretGet => Get(info.SecretName!, info.SecretVersion),
            _ => (404, KeyVaultErrors.Body("NotFound", $"The path {info.Path} is not known to this fake Key Vault.")),
        };
        await ResponseWriter.WriteAsync(context, status, body, action, cancellationToken);
    }

    private RequestInfo Classify(RequestInfo info)
    {
        var segments = info.Path.Trim('/').Split('/');
        var kind = segments switch
        {
            ["secrets"] => RequestKind.SecretList,
            ["secrets", _] => RequestKind.SecretGet,
            ["secrets", _, "versions"] => RequestKind.SecretVersionList,
            ["secrets", _, _] => RequestKind.SecretGet,
            _ => RequestKind.Other,
        };
        return info with
        {
            Kind = kind,
            VaultName = Name,
            SecretName = segments.Length >= 2 && segments[0] == "secrets" ? segments[1] : null,
            SecretVersion = kind == RequestKind.SecretGet && segments.Length == 3 ? segments[2] : null,
        };
    }

    private IssuedToken? Authenticate(HttpContext context, RequestInfo info, out string? problem)
    {
        var header = context.Request.Headers.Authorization.FirstOrDefault();
        if (!info.HasBearer || header is null)
        {
            problem = "AKV10000: Request is missing a Bearer or PoP token.";
            return null;
        }

        var token = _entra.FindToken(header["Bearer ".Length..].Trim());
        if (token is null)
        {
            problem = "AKV10013: Invalid token: it was not issued by this cloud's Entra ID, or it has expired or been revoked.";
            return null;
        }

        var expectedHost = new Uri(Options.AuthorityHost).Host;
        if (!token.TenantId.Equals(Options.TenantId, StringComparison.OrdinalIgnoreCase)
            || !token.AuthorityHost.Equals(expectedHost, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"AKV10032: Invalid issuer. Expected one of {Issuer(expectedHost, Options.TenantId)}, found {Issuer(token.AuthorityHost, token.TenantId)}.";
            return null;
        }

        var audience = token.Scope.EndsWith("/.default", StringComparison.Ordinal) ? token.Scope[..^"/.default".Length] : token.Scope;
        if (!audience.TrimEnd('/').Equals(Options.Resource.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            problem = $"AKV10022: Invalid audience. Expected {Options.Resource}, found: {audience}.";
            return null;
        }

        problem = null;
        return token;
    }

    private byte[] ErrorFor(FaultAction action, IssuedToken token, RequestInfo info)
    {
        if (action.Kind != FaultActionKind.Forbid)
        {
            return KeyVaultErrors.ForStatus(action.Status);
        }

        var objectId = _entra.FindPrincipal(token.TenantId, token.ClientId)?.ObjectId ?? Guid.Empty.ToString();
        var caller = $"appid={token.ClientId};oid={objectId};iss={Issuer(token.AuthorityHost, token.TenantId)}";
        return KeyVaultErrors.Forbidden(action.Reason, this, caller, info.Kind == RequestKind.SecretGet ? info.SecretName : null);
    }

    private (int Status, byte[] Body) Get(string name, string? version)
    {
        var found = GetSecret(name, version);
        if (found is null)
        {
            return (404, KeyVaultErrors.SecretNotFound(version is null ? name : $"{name}/{version}"));
        }

        if (!found.Enabled)
        {
            return (403, KeyVaultErrors.SecretDisabled());
        }

        return (200, ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("value", found.Value);
            w.WriteString("id", $"https://{Host}/secrets/{found.Name}/{found.Version}");
            WriteAttributes(w, found);
            WriteContentTypeAndTags(w, found);
            if (found.Managed)
            {
                w.WriteString("kid", $"https://{Host}/keys/{found.Name}/{found.Version}");
                w.WriteBoolean("managed", true);
            }

            w.WriteEndObject();
        }));
    }

    private (int Status, byte[] Body) List(HttpContext context, string apiVersion, string path, string? versionsOf)
    {
        var query = context.Request.Query;
        var pageSize = MaxPageSize;
        if (query.TryGetValue("maxresults", out var max)
            && (!int.TryParse(max.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return (400, KeyVaultErrors.Body("BadParameter", $"The value of the parameter maxresults is out of range. It must be between 1 and {MaxPageSize}."));
        }

        var items = versionsOf is null ? GetSecrets() : GetVersions(versionsOf);
        var start = 0;
        if (query.TryGetValue("$skiptoken", out var skipToken))
        {
            var marker = ReadSkipToken(skipToken.ToString());
            if (marker is null)
            {
                return (400, KeyVaultErrors.Body("BadParameter", "The $skiptoken is not valid."));
            }

            // Secrets page by name, so secrets added or removed mid-listing shift nothing; versions by position.
            if (versionsOf is null)
            {
                start = items.Count(i => string.Compare(i.Name, marker, StringComparison.OrdinalIgnoreCase) < 0);
            }
            else if (!int.TryParse(marker, NumberStyles.None, CultureInfo.InvariantCulture, out start))
            {
                return (400, KeyVaultErrors.Body("BadParameter", "The $skiptoken is not valid."));
            }
        }

        var page = items.Skip(start).Take(pageSize).ToArray();
        var next = start + page.Length < items.Count
            ? versionsOf is null ? items[start + page.Length].Name : (start + page.Length).ToString(CultureInfo.InvariantCulture)
            : null;

        return (200, ResponseWriter.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("value");
            foreach (var item in page)
            {
                w.WriteStartObject();
                w.WriteString("id", versionsOf is null ? $"https://{Host}/secrets/{item.Name}" : $"https://{Host}/secrets/{item.Name}/{item.Version}");
                WriteAttributes(w, item);
                WriteContentTypeAndTags(w, item);
                if (item.Managed)
                {
                    w.WriteBoolean("managed", true);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (next is null)
            {
                w.WriteNull("nextLink");
            }
            else
            {
                var token = Uri.EscapeDataString(WriteSkipToken(next));
                w.WriteString("nextLink", $"https://{Host}{path}?api-version={Uri.EscapeDataString(apiVersion)}&$skiptoken={token}&maxresults={pageSize}");
            }

            w.WriteEndObject();
        }));
    }

    private static void WriteAttributes(Utf8JsonWriter w, FakeSecretVersion secret)
    {
        w.WriteStartObject("attributes");
        w.WriteBoolean("enabled", secret.Enabled);
        if (secret.NotBefore is { } notBefore)
        {
            w.WriteNumber("nbf", notBefore.ToUnixTimeSeconds());
        }

        if (secret.Expires is { } expires)
        {
            w.WriteNumber("exp", expires.ToUnixTimeSeconds());
        }

        w.WriteNumber("created", secret.Created.ToUnixTimeSeconds());
        w.WriteNumber("updated", secret.Updated.ToUnixTimeSeconds());
        w.WriteString("recoveryLevel", "Recoverable+Purgeable");
        w.WriteNumber("recoverableDays", 90);
        w.WriteEndObject();
    }

    private static void WriteContentTypeAndTags(Utf8JsonWriter w, FakeSecretVersion secret)
    {
        if (secret.ContentType is not null)
        {
            w.WriteString("contentType", secret.ContentType);
        }

        if (secret.Tags is not null)
        {
            w.WriteStartObject("tags");
            foreach (var (key, value) in secret.Tags)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }
    }

    private void AddServiceHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache";
        headers.Pragma = "no-cache";
        headers.Expires = "-1";
        headers.StrictTransportSecurity = "max-age=31536000;includeSubDomains";
        headers.XContentTypeOptions = "nosniff";
        headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        headers["x-ms-keyvault-region"] = Options.Location;
        headers["x-ms-keyvault-service-version"] = "1.9.2179.1";
        headers["x-ms-keyvault-network-info"] = $"conn_type=Ipv4;addr={Options.ClientAddress};act_addr_fam=InterNetwork;";
        if (context.Request.Headers["x-ms-client-request-id"].FirstOrDefault() is { } clientRequestId)
        {
            headers["x-ms-client-request-id"] = clientRequestId;
        }
    }

    private static string Issuer(string authorityHost, string tenantId) => authorityHost.Equals("login.microsoftonline.com", StringComparison.OrdinalIgnoreCase)
        ? $"https://sts.windows.net/{tenantId}/"
        : $"https://{authorityHost}/{tenantId}/";

    private static string WriteSkipToken(string marker) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, string> { ["NextMarker"] = marker })));

    private static string? ReadSkipToken(string token)
    {
        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(token));
            return json.RootElement.TryGetProperty("NextMarker", out var marker) ? marker.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex ValidName();
}
