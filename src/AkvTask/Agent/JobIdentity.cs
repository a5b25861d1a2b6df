namespace AkvTask.Agent;

/// <summary>
/// What identifies the running job to Azure DevOps: where to ask for an OIDC token, and the job's access token to ask
/// with. Read for workload identity federation. The access token is a credential, so this class prints none of it.
/// </summary>
internal sealed class JobIdentity(
    string? oidcRequestUri,
    string? collectionUri,
    string? teamProjectId,
    string? hostType,
    string? planId,
    string? jobId,
    string? accessToken)
{
    /// <summary>SYSTEM_OIDCREQUESTURI: the job's own OIDC token endpoint (absent on older servers and in classic releases).</summary>
    public string? OidcRequestUri { get; } = oidcRequestUri;

    /// <summary>SYSTEM_COLLECTIONURI, e.g. https://dev.azure.com/contoso/.</summary>
    public string? CollectionUri { get; } = collectionUri;

    public string? TeamProjectId { get; } = teamProjectId;

    /// <summary>SYSTEM_HOSTTYPE: build (YAML and classic build pipelines) or release (classic release pipelines).</summary>
    public string? HostType { get; } = hostType;

    public string? PlanId { get; } = planId;

    public string? JobId { get; } = jobId;

    /// <summary>The job's access token (the SystemVssConnection endpoint's AccessToken parameter), or null when the agent gave none.</summary>
    public string? AccessToken { get; } = accessToken;

    public static JobIdentity Read(AgentEnvironment environment) => new(
        environment.Get("SYSTEM_OIDCREQUESTURI")?.Trim(),
        environment.Get("SYSTEM_COLLECTIONURI")?.Trim(),
        environment.Get("SYSTEM_TEAMPROJECTID")?.Trim(),
        environment.Get("SYSTEM_HOSTTYPE")?.Trim(),
        environment.Get("SYSTEM_PLANID")?.Trim(),
        environment.Get("SYSTEM_JOBID")?.Trim(),
        environment.Get("ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN"));

    public override string ToString() =>
        $"job {JobId ?? "?"} of plan {PlanId ?? "?"} ({HostType ?? "?"}) in {CollectionUri ?? "?"}, access token {(AccessToken is null ? "missing" : "present")}";
}
