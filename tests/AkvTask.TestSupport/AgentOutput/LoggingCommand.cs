namespace AkvTask.TestSupport.AgentOutput;

/// <summary>A logging command as the agent reads it, properties and data already unescaped.</summary>
public sealed record LoggingCommand(string Area, string Event, IReadOnlyDictionary<string, string> Properties, string Data)
{
    public string? Property(string key) => Properties.TryGetValue(key, out var value) ? value : null;

    public bool Flag(string key) => bool.TryParse(Property(key), out var value) && value;
}
