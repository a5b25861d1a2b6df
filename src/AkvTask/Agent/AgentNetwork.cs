using System.Net;
using System.Text.Json;

namespace AkvTask.Agent;

/// <summary>Reads the agent's network settings: its proxy, the proxy's credentials and bypass list, and extra CAs.</summary>
internal static class AgentNetwork
{
    public static NetworkSettings Read(AgentEnvironment environment)
    {
        var proxy = environment.Get("AGENT_PROXYURL");
        Uri? proxyAddress = null;
        if (proxy is not null && !Uri.TryCreate(proxy.Trim(), UriKind.Absolute, out proxyAddress))
        {
            throw new TaskInputException($"The agent's proxy URL '{proxy}' (AGENT_PROXYURL) is not an absolute URL.");
        }

        var user = environment.Get("AGENT_PROXYUSERNAME");
        var credential = user is null
            ? null
            : new NetworkCredential(user, environment.Get("SECRET_AGENT_PROXYPASSWORD") ?? environment.Get("AGENT_PROXYPASSWORD") ?? string.Empty);

        return new NetworkSettings(
            proxyAddress,
            credential,
            ReadBypassList(environment.Get("AGENT_PROXYBYPASSLIST")),
            environment.Get("AGENT_CAINFO"));
    }

    private static string[] ReadBypassList(string? json)
    {
        if (json is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.EnumerateArray()
                .Select(element => element.GetString())
                .OfType<string>()
                .ToArray();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new TaskInputException("The agent's proxy bypass list (AGENT_PROXYBYPASSLIST) is not a JSON array of strings.");
        }
    }
}
