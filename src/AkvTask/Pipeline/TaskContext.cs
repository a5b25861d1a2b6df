using System.Net;
using System.Text.Json;
using AkvTask.Network;

namespace AkvTask.Pipeline;

/// <summary>Everything the task needs from the agent, read once from the environment.</summary>
internal sealed record TaskContext(
    ExecutionStage Stage,
    TaskInputs Inputs,
    ServiceConnection Connection,
    NetworkSettings Network,
    JobSettings Job)
{
    public static TaskContext Read(AgentEnvironment environment, ExecutionStage stage)
    {
        var inputs = TaskInputs.Read(environment);
        return new TaskContext(
            stage,
            inputs,
            ServiceConnection.Read(environment, inputs.ConnectedServiceName),
            ReadNetwork(environment),
            JobSettings.Read(environment));
    }

    /// <summary>The agent starts both entry points for every use of the task; only one of them does the work.</summary>
    public string? SkipReason => (Stage, Inputs.RunAsPreJob) switch
    {
        (ExecutionStage.Job, true) => "The secrets were read before the job started (RunAsPreJob is true).",
        (ExecutionStage.PreJob, false) => "The secrets are read by the task's step in the job (RunAsPreJob is false).",
        _ => null,
    };

    private static NetworkSettings ReadNetwork(AgentEnvironment environment)
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
