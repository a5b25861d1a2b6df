using System.Text.Json;

namespace AkvTask.Agent;

/// <summary>
/// The agent's switch for secrets that hold its OS's newline: it refuses to set one unless the job variable
/// SYSTEM_UNSAFEALLOWMULTILINESECRET is on (true or 1, any case) when the command is processed. Only the job variable
/// of exactly that name is the switch: <c>System.UnsafeAllowMultilineSecret</c> reaches the task under the same
/// environment name but is not it, and a secret one reaches the task only as SECRET_SYSTEM_UNSAFEALLOWMULTILINESECRET.
/// The job's real variable names come from VSTS_PUBLIC_VARIABLES and VSTS_SECRET_VARIABLES.
/// </summary>
/// <param name="JobValue">The job's own value of the switch, put back after each multi-line secret; null when the job has no such variable.</param>
/// <param name="IsSecret">The job's switch is a secret variable: it is written back as one.</param>
internal sealed record MultilineSwitch(string? JobValue, bool IsSecret = false)
{
    public const string Variable = "SYSTEM_UNSAFEALLOWMULTILINESECRET";

    /// <summary>On for the job already: a multi-line secret needs nothing switched.</summary>
    public bool IsOn => JobValue is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    public static MultilineSwitch Read(AgentEnvironment environment)
    {
        var publicNames = Names(environment.Get("VSTS_PUBLIC_VARIABLES"));
        var secretNames = Names(environment.Get("VSTS_SECRET_VARIABLES"));
        if (publicNames is null && secretNames is null)
        {
            // A handler that does not list the job's variables: the environment is all there is to go by.
            return new MultilineSwitch(environment.Get(Variable));
        }

        if (publicNames?.Contains(Variable, StringComparer.OrdinalIgnoreCase) == true)
        {
            return new MultilineSwitch(environment.Get(Variable));
        }

        return secretNames?.Contains(Variable, StringComparer.OrdinalIgnoreCase) == true
            ? new MultilineSwitch(environment.Get("SECRET_" + Variable), IsSecret: true)
            : new MultilineSwitch(JobValue: null);
    }

    /// <summary>A JSON array of variable names; null when absent or not one (then it tells nothing).</summary>
    private static string[]? Names(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? [.. document.RootElement.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
