namespace AkvTask.Agent;

/// <summary>
/// The AzureRM service connection as the agent hands it over. Its parameters hold credentials,
/// so this is a class with a safe <see cref="ToString"/> rather than a record that would print them.
/// </summary>
internal sealed class ServiceConnection(
    string id,
    string scheme,
    IReadOnlyDictionary<string, string> parameters,
    IReadOnlyDictionary<string, string> data)
{
    public string Id { get; } = id;

    /// <summary>The authorization scheme, e.g. ServicePrincipal or WorkloadIdentityFederation.</summary>
    public string Scheme { get; } = scheme;

    public string? Parameter(string key) =>
        parameters.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public string? Data(string key) =>
        data.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public override string ToString() => $"{Scheme} connection {Id}";

    public static ServiceConnection Read(AgentEnvironment environment, string id)
    {
        var parameters = environment.WithPrefix($"ENDPOINT_AUTH_PARAMETER_{id}_");
        var data = environment.WithPrefix($"ENDPOINT_DATA_{id}_");
        var scheme = environment.Get($"ENDPOINT_AUTH_SCHEME_{id}");

        if (scheme is null && parameters.Count == 0 && environment.Get($"ENDPOINT_URL_{id}") is null)
        {
            throw new TaskInputException(
                $"The service connection '{id}' was not given to the task. Check that the pipeline is authorized to use it.");
        }

        // The agent omits the scheme for connections created before schemes existed; they are service principals.
        return new ServiceConnection(id, scheme ?? "ServicePrincipal", parameters, data);
    }
}
