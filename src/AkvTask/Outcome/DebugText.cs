using AkvTask.Agent;
using AkvTask.Secrets;

namespace AkvTask.Outcome;

/// <summary>Debug lines (System.Debug): settings in use, never a credential or a value.</summary>
internal static class DebugText
{
    public static string Network(NetworkSettings network) =>
        (network.ProxyAddress is { } proxy
            ? $"Proxy {proxy.Scheme}://{proxy.Host}:{proxy.Port}{(network.ProxyCredential is null ? "" : " with credentials")}, {network.ProxyBypassPatterns.Count} bypass pattern(s)."
            : "No agent proxy.")
        + (network.ExtraCertificateAuthoritiesPath is { } ca ? $" Extra certificate authorities from {ca}." : "");

    public static string Filter(SecretFilter filter) =>
        $"Filter: {filter.Requests.Count} secret(s) by name ({string.Join(", ", filter.Requests.Select(r => r.Entry))}); " +
        $"patterns [{string.Join(", ", filter.Includes)}]; exclusions [{string.Join(", ", filter.Excludes)}].";
}
