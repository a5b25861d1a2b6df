using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace AkvTask.Network;

/// <summary>
/// The agent's proxy with its bypass list, matched the way the agent matches it: each pattern is a
/// case-insensitive regular expression tried against scheme://host[:port].
/// </summary>
internal sealed class AgentWebProxy : IWebProxy
{
    private readonly Uri _address;
    private readonly Regex[] _bypass;

    public AgentWebProxy(Uri address, ICredentials? credentials, IEnumerable<string> bypassPatterns)
    {
        _address = address;
        Credentials = credentials;
        _bypass = bypassPatterns
            .Where(pattern => !string.IsNullOrWhiteSpace(pattern))
            .Select(pattern => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToArray();
    }

    public ICredentials? Credentials { get; set; }

    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : _address;

    public bool IsBypassed(Uri host)
    {
        // The instance metadata endpoint of a managed identity is link-local: a proxy can never reach it.
        if (IPAddress.TryParse(host.DnsSafeHost, out var address) && IsLinkLocal(address))
        {
            return true;
        }

        var target = host.IsDefaultPort
            ? $"{host.Scheme}://{host.Host}"
            : $"{host.Scheme}://{host.Host}:{host.Port}";
        return _bypass.Any(pattern => pattern.IsMatch(target));
    }

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => address.GetAddressBytes() is [169, 254, _, _],
        AddressFamily.InterNetworkV6 => address.IsIPv6LinkLocal,
        _ => false,
    };
}
