using System.Net;

namespace AkvTask.Agent;

/// <summary>The agent's network configuration, applied to every request the task makes.</summary>
/// <param name="ProxyAddress">The agent's proxy; null leaves the machine's default proxy settings in force.</param>
/// <param name="ProxyCredential">Credentials the proxy asks for, if any.</param>
/// <param name="ProxyBypassPatterns">Regular expressions of URLs (scheme://host[:port]) that go direct.</param>
/// <param name="ExtraCertificateAuthoritiesPath">A PEM file of certificate authorities to trust besides the system's.</param>
internal sealed record NetworkSettings(
    Uri? ProxyAddress,
    NetworkCredential? ProxyCredential,
    IReadOnlyList<string> ProxyBypassPatterns,
    string? ExtraCertificateAuthoritiesPath);
