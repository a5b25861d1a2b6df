namespace AkvTask.Errors;

/// <summary>Text that came from a server or a library (error messages), made fit to quote in one line of ours.</summary>
internal static class ServerText
{
    /// <summary>
    /// The first line, trimmed; when it only introduces what follows (it ends with ':', as Azure.Identity's
    /// "... authentication failed:" does), the next line that has text too. "no details" when there is no text at all.
    /// </summary>
    public static string FirstLine(string? text)
    {
        if (text is null)
        {
            return "no details";
        }

        var lines = text.Split(["\r\n", "\n", "\r"], StringSplitOptions.TrimEntries);
        var first = lines[0];
        if (first.EndsWith(':') && lines.Skip(1).FirstOrDefault(line => line.Length > 0) is { } next)
        {
            return $"{first} {next}";
        }

        return first;
    }
}
