using System.Text.Json;

namespace AkvTask.TestSupport.AgentOutput;

/// <summary>The environment the agent gives a task: inputs, the service connection, job and network variables.</summary>
public sealed class AgentVariables
{
    public const string ConnectionId = "7c0f3a52-9d1e-4b8a-a6f2-3e5d9c1b7a40";

    /// <summary>The agent's switch for multi-line secrets: only the job variable of exactly this name (any case).</summary>
    public const string MultilineSwitch = "SYSTEM_UNSAFEALLOWMULTILINESECRET";

    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);
    private readonly List<string> _publicNames = ["System.CollectionUri", "System.TeamProjectId", "System.HostType", "System.PlanId", "System.JobId", "Agent.TempDirectory"];
    private readonly List<string> _secretNames = [];

    private AgentVariables()
    {
        Set("SYSTEM_COLLECTIONURI", "https://dev.azure.com/contoso/");
        Set("SYSTEM_TEAMPROJECTID", "5a1b2c3d-0000-4000-8000-000000000001");
        Set("SYSTEM_HOSTTYPE", "build");
        Set("SYSTEM_PLANID", "5a1b2c3d-0000-4000-8000-000000000002");
        Set("SYSTEM_JOBID", "5a1b2c3d-0000-4000-8000-000000000003");
        Set("AGENT_TEMPDIRECTORY", Path.GetTempPath());
        Set("ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN", "job-access-token");
        Input("ConnectedServiceName", ConnectionId);
        Set($"ENDPOINT_URL_{ConnectionId}", "https://management.azure.com/");
        Data("environment", "AzureCloud");
        Data("subscriptionId", "00000000-0000-4000-8000-00000000000a");
    }

    /// <summary>An AzureRM connection with a service principal and its client secret.</summary>
    public static AgentVariables ServicePrincipal(string tenantId, string clientId, string clientSecret)
    {
        var variables = new AgentVariables();
        variables.Set($"ENDPOINT_AUTH_SCHEME_{ConnectionId}", "ServicePrincipal");
        variables.Parameter("tenantid", tenantId).Parameter("serviceprincipalid", clientId).Parameter("serviceprincipalkey", clientSecret)
            .Parameter("authenticationType", "spnKey");
        variables.Set($"ENDPOINT_AUTH_{ConnectionId}", JsonSerializer.Serialize(new
        {
            parameters = new { tenantid = tenantId, serviceprincipalid = clientId, serviceprincipalkey = clientSecret, authenticationType = "spnKey" },
            scheme = "ServicePrincipal",
        }));
        return variables;
    }

    /// <summary>The job's access token the agent gives every task (ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN).</summary>
    public const string JobAccessToken = "job-access-token";

    /// <summary>An AzureRM connection with a service principal and its certificate: one PEM text holding the certificate and its private key.</summary>
    public static AgentVariables ServicePrincipalCertificate(string tenantId, string clientId, string certificatePem) =>
        new AgentVariables().Connection("ServicePrincipal", new()
        {
            ["tenantid"] = tenantId,
            ["serviceprincipalid"] = clientId,
            ["authenticationType"] = "spnCertificate",
            ["servicePrincipalCertificate"] = certificatePem,
        });

    /// <summary>An AzureRM connection with the agent machine's managed identity: system-assigned, or user-assigned when <paramref name="msiClientId"/> is given.</summary>
    public static AgentVariables ManagedIdentity(string tenantId, string? msiClientId = null)
    {
        var variables = new AgentVariables().Connection("ManagedServiceIdentity", new() { ["tenantid"] = tenantId });
        return msiClientId is null ? variables : variables.Data("msiclientId", msiClientId);
    }

    /// <summary>
    /// An AzureRM connection with workload identity federation, in a job whose SYSTEM_OIDCREQUESTURI is the build hub's OIDC
    /// endpoint for this plan and job (remove it to make the task use the fallback URL).
    /// </summary>
    public static AgentVariables WorkloadIdentityFederation(string tenantId, string clientId)
    {
        var variables = new AgentVariables().Connection("WorkloadIdentityFederation", new()
        {
            ["tenantid"] = tenantId,
            ["serviceprincipalid"] = clientId,
            ["workloadIdentityFederationIssuerType"] = "EntraID",
        });
        var job = variables._variables;
        return variables.Set(
            "SYSTEM_OIDCREQUESTURI",
            $"{job["SYSTEM_COLLECTIONURI"]}{job["SYSTEM_TEAMPROJECTID"]}/_apis/distributedtask/hubs/build/plans/{job["SYSTEM_PLANID"]}/jobs/{job["SYSTEM_JOBID"]}/oidctoken");
    }

    /// <summary>An AzureRM connection with any scheme and parameters, e.g. one the task does not support.</summary>
    public static AgentVariables WithScheme(string scheme, Dictionary<string, string> parameters) => new AgentVariables().Connection(scheme, parameters);

    private AgentVariables Connection(string scheme, Dictionary<string, string> parameters)
    {
        Set($"ENDPOINT_AUTH_SCHEME_{ConnectionId}", scheme);
        foreach (var (key, value) in parameters)
        {
            Parameter(key, value);
        }

        return Set($"ENDPOINT_AUTH_{ConnectionId}", JsonSerializer.Serialize(new Dictionary<string, object> { ["parameters"] = parameters, ["scheme"] = scheme }));
    }

    public AgentVariables Set(string name, string value)
    {
        _variables[name] = value;
        return this;
    }

    public AgentVariables Remove(string name)
    {
        _variables.Remove(name);
        return this;
    }

    /// <summary>
    /// A job variable as the agent's Node handler passes it: the value under the name upper-cased with '.' and ' ' as
    /// '_' (and SECRET_ before a secret's), the name as the job spells it in VSTS_PUBLIC_VARIABLES or VSTS_SECRET_VARIABLES.
    /// </summary>
    public AgentVariables JobVariable(string name, string value, bool isSecret = false)
    {
        (isSecret ? _secretNames : _publicNames).Add(name);
        var environmentName = name.ToUpperInvariant().Replace('.', '_').Replace(' ', '_');
        return Set(isSecret ? "SECRET_" + environmentName : environmentName, value);
    }

    /// <summary>
    /// The agent's own value of its multi-line switch for these variables: the job variable named exactly so (a secret
    /// one too), never one whose name only maps to the same environment variable; null when the job has none.
    /// </summary>
    public static string? JobMultilineSwitch(IReadOnlyDictionary<string, string> variables)
    {
        bool Lists(string list) => variables.TryGetValue(list, out var json)
            && (JsonSerializer.Deserialize<string[]>(json) ?? []).Contains(MultilineSwitch, StringComparer.OrdinalIgnoreCase);

        if (!variables.ContainsKey("VSTS_PUBLIC_VARIABLES"))
        {
            return variables.GetValueOrDefault(MultilineSwitch);
        }

        return Lists("VSTS_PUBLIC_VARIABLES") ? variables.GetValueOrDefault(MultilineSwitch)
            : Lists("VSTS_SECRET_VARIABLES") ? variables.GetValueOrDefault("SECRET_" + MultilineSwitch)
            : null;
    }

    public AgentVariables Input(string name, string value) => Set("INPUT_" + name.ToUpperInvariant(), value);

    public AgentVariables Parameter(string key, string value) => Set($"ENDPOINT_AUTH_PARAMETER_{ConnectionId}_{key.ToUpperInvariant()}", value);

    public AgentVariables Data(string key, string value) => Set($"ENDPOINT_DATA_{ConnectionId}_{key.ToUpperInvariant()}", value);

    /// <summary>The agent's proxy and extra trusted authorities: the only way the task reaches the fake Azure.</summary>
    public AgentVariables Network(string proxyUrl, string caInfoPath) =>
        Set("AGENT_PROXYURL", proxyUrl).Set("AGENT_CAINFO", caInfoPath);

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(_variables)
    {
        ["VSTS_PUBLIC_VARIABLES"] = JsonSerializer.Serialize(_publicNames),
        ["VSTS_SECRET_VARIABLES"] = JsonSerializer.Serialize(_secretNames),
    };
}
