using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AkvTask.TestSupport.FakeAzure;

/// <summary>
/// A fake Azure on 127.0.0.1: one HTTPS server that answers for every host name (Key Vault, Entra ID, and any
/// host mapped with <see cref="MapHost"/>) with certificates from a test CA, reached through an HTTP CONNECT proxy.
/// A client that uses <see cref="ProxyUrl"/> and trusts <see cref="CaCertificatePath"/> talks to the real host names.
/// </summary>
public sealed class FakeAzureHost : IAsyncDisposable
{
    public const string DefaultTenantId = "6f1c2e4b-8a3d-4f7e-9b2c-1d5e8a7c3f90";

    private static readonly string[] WellKnownVaultSuffixes = ["vault.azure.net", "vault.azure.cn", "vault.usgovcloudapi.net", "vault.microsoftazure.de"];

    private readonly TestCertificateAuthority _authority;
    private readonly ConcurrentDictionary<string, FakeKeyVault> _vaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, RequestDelegate> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _server;
    private ConnectProxy? _proxy;

    private FakeAzureHost(TestCertificateAuthority authority) => _authority = authority;

    public FakeEntraId Entra { get; } = new();

    public RequestLog Requests { get; } = new();

    public string ProxyUrl => Proxy.Url;

    /// <summary>The PEM file of the test CA, for AGENT_CAINFO.</summary>
    public string CaCertificatePath => _authority.CertificatePath;

    public X509Certificate2 CaCertificate => _authority.Certificate;

    /// <summary>The HTTPS server's own port; clients should go through <see cref="ProxyUrl"/> instead.</summary>
    public int HttpsPort { get; private set; }

    /// <summary>Every CONNECT target (<c>host:port</c>) the proxy was asked for, in order.</summary>
    public IReadOnlyList<string> ProxyConnectTargets => Proxy.ConnectTargets;

    /// <summary>Every plain-HTTP request the proxy refused, in order. The product should send none.</summary>
    public IReadOnlyList<string> ProxyPlainHttpRequests => Proxy.PlainHttpRequests;

    private ConnectProxy Proxy => _proxy ?? throw new InvalidOperationException("The fake Azure is not started.");

    public static async Task<FakeAzureHost> StartAsync(CancellationToken cancellationToken = default)
    {
        var host = new FakeAzureHost(TestCertificateAuthority.Create());
        try
        {
            await host.StartServerAsync(cancellationToken);
            host._proxy = new ConnectProxy(host.HttpsPort, host.IsResolvable);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>From now on the proxy answers 407 unless given these Basic credentials; null user turns it off.</summary>
    public void RequireProxyCredentials(string? userName, string? password) => Proxy.RequireCredentials(userName, password);

    /// <summary>Registers a vault at <c>https://{name}.{options.DnsSuffix}</c>.</summary>
    public FakeKeyVault AddVault(string name, FakeVaultOptions? options = null)
    {
        var vault = new FakeKeyVault(name, options ?? FakeVaultOptions.AzureCloud, Entra);
        if (!_vaults.TryAdd(vault.Host, vault))
        {
            throw new InvalidOperationException($"A vault at {vault.Host} is already registered.");
        }

        return vault;
    }

    /// <summary>Answers every request for <paramref name="host"/> with <paramref name="handler"/> (for services this fake does not play itself).</summary>
    public void MapHost(string host, RequestDelegate handler) => _hosts[host] = handler;

    /// <summary>
    /// A handler that goes through the proxy and trusts the CA in <see cref="CaCertificatePath"/> (and only it), checking
    /// host names as usual: what a client given AGENT_PROXYURL and AGENT_CAINFO should do.
    /// </summary>
    public SocketsHttpHandler CreateHttpHandler(ICredentials? proxyCredentials = null)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(CaCertificatePath);
        var authority = authorities.Single();
        return new SocketsHttpHandler
        {
            Proxy = new WebProxy(ProxyUrl) { Credentials = proxyCredentials },
            UseProxy = true,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(authority, certificate, errors) },
        };
    }

    private static bool IsTrusted(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificateSelector = (_, hostName) => _authority.GetServerCertificate(hostName),
                    HandshakeTimeout = TimeSpan.FromSeconds(10),
                });
            });
        });

        _server = builder.Build();
        _server.Run(DispatchAsync);
        await _server.StartAsync(cancellationToken);

        var address = _server.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        HttpsPort = new Uri(address).Port;
    }

    private bool IsResolvable(string host)
    {
        if (_vaults.ContainsKey(host) || _hosts.ContainsKey(host))
        {
            return true;
        }

        var suffixes = WellKnownVaultSuffixes.Concat(_vaults.Values.Select(v => v.Options.DnsSuffix));
        return !suffixes.Any(s => host.EndsWith("." + s, StringComparison.OrdinalIgnoreCase));
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var host = request.Host.Host.TrimEnd('.').ToLowerInvariant();
        var hasBearer = request.Headers.Authorization.FirstOrDefault()?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true;
        var info = new RequestInfo(DateTimeOffset.UtcNow, request.Method, host, request.Path.Value ?? "/", request.QueryString.Value ?? "", RequestKind.Other, hasBearer);
        ResponseWriter.Describe(context, info);

        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (_hosts.TryGetValue(host, out var handler))
            {
                await handler(context);
            }
            else if (_vaults.TryGetValue(host, out var vault))
            {
                await vault.HandleAsync(context, info, cancellation.Token);
            }
            else if (!IsResolvable(host))
            {
                // No such vault: reached only by a client that bypasses the proxy, which would have refused it.
                ResponseWriter.Drop(context);
            }
            else
            {
                await Entra.HandleAsync(context, info, cancellation.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellation.IsCancellationRequested)
        {
            ResponseWriter.Drop(context);
        }
        finally
        {
            var seen = ResponseWriter.DescriptionOf(context) ?? info;
            var status = ResponseWriter.WasDropped(context) ? 0 : context.Response.StatusCode;
            Requests.Add(new RequestRecord(seen.Time, seen.Method, seen.Host, seen.PathAndQuery, seen.Kind, seen.HasBearer, status,
                seen.VaultName, seen.SecretName, Stopwatch.GetElapsedTime(started)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_server is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _server.StopAsync(timeout.Token);
            await _server.DisposeAsync();
        }

        _authority.Dispose();
        _stopping.Dispose();
    }
}
