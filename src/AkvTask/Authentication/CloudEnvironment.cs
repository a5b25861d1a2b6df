using System.Text.RegularExpressions;
using AkvTask.Agent;

namespace AkvTask.Authentication;

/// <summary>Where a cloud's identity provider and vaults live.</summary>
/// <param name="Name">The connection's environment name, e.g. AzureCloud.</param>
/// <param name="AuthorityHost">The Entra ID (or ADFS) authority host.</param>
/// <param name="VaultDnsSuffix">The DNS suffix of vaults, e.g. vault.azure.net.</param>
/// <param name="VaultResource">The resource vault tokens are issued for, e.g. https://vault.azure.net.</param>
internal sealed partial record CloudEnvironment(string Name, Uri AuthorityHost, string VaultDnsSuffix, Uri VaultResource)
{
    private static readonly CloudEnvironment[] KnownClouds =
    [
        new("AzureCloud", new Uri("https://login.microsoftonline.com/"), "vault.azure.net", new Uri("https://vault.azure.net")),
        new("AzureChinaCloud", new Uri("https://login.chinacloudapi.cn/"), "vault.azure.cn", new Uri("https://vault.azure.cn")),
        new("AzureUSGovernment", new Uri("https://login.microsoftonline.us/"), "vault.usgovcloudapi.net", new Uri("https://vault.usgovcloudapi.net")),
        new("AzureGermanCloud", new Uri("https://login.microsoftonline.de/"), "vault.microsoftazure.de", new Uri("https://vault.microsoftazure.de")),
    ];

    /// <summary>The connection's data wins over the named cloud's defaults, as the agent's own tasks do.</summary>
    public static CloudEnvironment From(ServiceConnection connection)
    {
        var name = connection.Data("environment") ?? "AzureCloud";
        var known = KnownClouds.FirstOrDefault(cloud => cloud.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

        var authority = connection.Data("environmentAuthorityUrl") ?? connection.Data("activeDirectoryAuthority");
        var suffix = connection.Data("AzureKeyVaultDnsSuffix");
        var resource = connection.Data("AzureKeyVaultServiceEndpointResourceId");

        if (known is null && (authority is null || suffix is null))
        {
            throw new TaskInputException(
                $"The service connection's environment '{name}' is not a known Azure cloud, and its data lacks " +
                "environmentAuthorityUrl and AzureKeyVaultDnsSuffix. Edit the service connection to include them.");
        }

        var vaultSuffix = (suffix ?? known!.VaultDnsSuffix).Trim().TrimStart('.').TrimEnd('/');
        if (!DnsSuffix().IsMatch(vaultSuffix))
        {
            // The vault's URL is made from it: a '/', '@', ':' or space would send the request, and its token, elsewhere.
            throw new TaskInputException(
                $"The service connection's data 'AzureKeyVaultDnsSuffix' is not a DNS suffix such as vault.azure.net: '{suffix}'. Edit the service connection.");
        }

        return new CloudEnvironment(
            known?.Name ?? name,
            authority is null ? known!.AuthorityHost : ParseUrl(authority, "environmentAuthorityUrl"),
            vaultSuffix,
            resource is null ? known?.VaultResource ?? new Uri("https://" + vaultSuffix) : ParseUrl(resource, "AzureKeyVaultServiceEndpointResourceId"));
    }

    public Uri VaultUri(string vaultName) => new($"https://{vaultName}.{VaultDnsSuffix}/");

    /// <summary>The vault's name when <paramref name="host"/> is a vault of one of the known clouds, else null.</summary>
    public static string? VaultNameInKnownCloud(string host)
    {
        foreach (var cloud in KnownClouds)
        {
            var suffix = "." + cloud.VaultDnsSuffix;
            if (host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && host[..^suffix.Length] is var name && IsVaultName(name))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A Key Vault name: 3 to 24 letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsVaultName(string name) => VaultNamePattern().IsMatch(name);

    /// <summary>
    /// Azure Stack Hub with Active Directory Federation Services: the authority's path is <c>/adfs</c>, and its one tenant
    /// is called <c>adfs</c> whatever the connection says.
    /// </summary>
    public bool IsAdfs => AuthorityHost.AbsolutePath.TrimEnd('/').EndsWith("/adfs", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether MSAL may ask Entra ID's instance discovery about the authority. It knows only the public and sovereign
    /// clouds' login hosts: asked about another (Azure Stack Hub's ADFS, a private authority) it refuses, so sign-in
    /// must go straight to the authority instead.
    /// </summary>
    public bool UsesInstanceDiscovery =>
        !IsAdfs && KnownClouds.Any(cloud => cloud.AuthorityHost.Host.Equals(AuthorityHost.Host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The tenant to sign in to: the connection's, except under ADFS.</summary>
    public string? Tenant(string? connectionTenantId) => IsAdfs ? "adfs" : connectionTenantId;

    private static Uri ParseUrl(string value, string key) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps
            ? url
            : throw new TaskInputException($"The service connection's data '{key}' is not an https URL: '{value}'.");

    /// <summary>Dot-separated DNS labels: letters, digits and inner hyphens.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex DnsSuffix();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$")]
    private static partial Regex VaultNamePattern();
}
