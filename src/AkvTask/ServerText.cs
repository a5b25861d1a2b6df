namespace AkvTask;

/// <summary>Text that came from a server or a library (error messages), made fit to quote in one line of ours.</summary>
internal static class ServerText
{
    /// <summary>The first line, trimmed; "no details" when there is no text at all.</summary>
    public static string FirstLine(string? text)
    {
        if (text is null)
        {
            return "no details";
        }

        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return (end < 0 ? text : text[..end]).Trim();
    }
}
