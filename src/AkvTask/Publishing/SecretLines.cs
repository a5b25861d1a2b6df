namespace AkvTask.Publishing;

/// <summary>
/// The agent masks its log line by line, so a multi-line value is only masked if each of its lines is
/// registered as a secret of its own. It masks every registered text wherever it appears, with no minimum length,
/// so a line is registered when it is a secret's rather than everyday text: trimmed, either 8 or more non-blank
/// characters whatever they are (a punctuation-only password line), or 4 or more with a letter or digit among them.
/// A brace, <c>--</c> or <c>....</c> is left out: masking it would blank that text in every later line of the job's log.
/// </summary>
internal static class SecretLines
{
    /// <summary>Non-blank characters that make a line worth masking whatever they are.</summary>
    public const int AlwaysRegisteredLength = 8;

    /// <summary>A shorter line needs this many characters, one a letter or digit.</summary>
    public const int MinimumLength = 4;

    public static bool IsMultiline(string value) => value.AsSpan().IndexOfAny('\r', '\n') >= 0;

    /// <summary>Each distinct line (split on CRLF, LF and CR), trimmed, that is worth masking.</summary>
    public static IReadOnlyList<string> ToRegister(string value)
    {
        var lines = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in value.Split(["\r\n", "\n", "\r"], StringSplitOptions.TrimEntries))
        {
            if (IsWorthMasking(line) && seen.Add(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static bool IsWorthMasking(string line) =>
        line.Count(c => !char.IsWhiteSpace(c)) >= AlwaysRegisteredLength
        || (line.Length >= MinimumLength && line.Any(char.IsLetterOrDigit));
}
