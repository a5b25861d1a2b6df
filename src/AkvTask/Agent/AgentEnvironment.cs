using System.Collections;

namespace AkvTask.Agent;

/// <summary>
/// A snapshot of the variables the agent gave the process. Names are looked up case-insensitively:
/// the agent upper-cases most of a name but keeps the connection id as the input holds it.
/// </summary>
internal sealed class AgentEnvironment
{
    private readonly Dictionary<string, string> _variables;

    public AgentEnvironment(IEnumerable<KeyValuePair<string, string>> variables)
    {
        _variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in variables)
        {
            _variables.TryAdd(name, value);
        }
    }

    public static AgentEnvironment FromProcess()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                pairs.Add(new(name, value));
            }
        }

        return new AgentEnvironment(pairs);
    }

    /// <summary>The value, or null when the variable is absent or empty.</summary>
    public string? Get(string name) =>
        _variables.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A task input by its name in task.json: the agent passes it as INPUT_ and the upper-cased name.</summary>
    public TaskInput Input(string name) => new(name, Get("INPUT_" + name.ToUpperInvariant()));

    /// <summary>Every variable whose name starts with the prefix, keyed by the rest of the name.</summary>
    public IReadOnlyDictionary<string, string> WithPrefix(string prefix)
    {
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in _variables)
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                found.TryAdd(name[prefix.Length..], value);
            }
        }

        return found;
    }
}
