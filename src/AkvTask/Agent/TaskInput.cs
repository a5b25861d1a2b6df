using System.Globalization;

namespace AkvTask.Agent;

/// <summary>
/// One task input as the agent passed it, read as the type task.json gives it. Each reader takes the input's default,
/// so a name and its default are written once, where the input is read.
/// </summary>
/// <param name="Raw">The value as passed; null when the input is not set or empty.</param>
internal readonly record struct TaskInput(string Name, string? Raw)
{
    /// <summary>The value trimmed; null when it is blank.</summary>
    public string? Value => Raw?.Trim() is { Length: > 0 } value ? value : null;

    public string Required() => Value ?? throw new TaskInputException($"The input '{Name}' is required but was not set.");

    /// <summary>The text as passed (a blank one too: its reader says what is wrong with it).</summary>
    public string Text(string defaultValue) => Raw ?? defaultValue;

    public bool Boolean(bool defaultValue) => Value switch
    {
        null => defaultValue,
        _ when bool.TryParse(Value, out var parsed) => parsed,
        _ => throw new TaskInputException($"The input '{Name}' must be true or false, not '{Value}'."),
    };

    /// <summary>A whole number from 0 to <paramref name="maximum"/>, in ASCII digits.</summary>
    public int WholeNumber(int defaultValue, int maximum, string unit)
    {
        if (Value is null)
        {
            return defaultValue;
        }

        return int.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= maximum
            ? number
            : throw new TaskInputException($"The input '{Name}' must be a whole number of {unit} from 0 to {maximum}, not '{Value}'.");
    }

    /// <summary>One of the choices task.json's pickList offers, matched case-insensitively.</summary>
    public T Choice<T>(T defaultValue, params (string Text, T Value)[] choices)
    {
        if (Value is null)
        {
            return defaultValue;
        }

        foreach (var (text, value) in choices)
        {
            if (text.Equals(Value, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new TaskInputException($"The input '{Name}' must be {string.Join(" or ", choices.Select(c => c.Text))}, not '{Value}'.");
    }
}
