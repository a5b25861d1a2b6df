namespace AkvTask.Publishing;

/// <summary>
/// The agent masks its log line by line, so a multi-line value is only masked if each of its lines is
/// registered as a secret of its own.
/// </summary>
internal static class SecretLines
{
    /// <summary>Shorter lines would mask common text (a brace, a word) everywhere in the job's log.</summary>
    public const int MinimumLength = 4;

    public static bool IsMultiline(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Each distinct line (split on CRLF, LF and CR), trimmed, that is long enough and not only punctuation.</summary>
    public static IReadOnlyList<string> ToRegister(string value)
    {
        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in value.Split(["\r\n", "\n", "\r"], StringSplitOptions.TrimEntries))
        {
            if (line.Length >= MinimumLength && line.Any(char.IsLetterOrDigit) && seen.Add(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
