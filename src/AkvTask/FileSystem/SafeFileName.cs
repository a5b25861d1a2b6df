namespace AkvTask.FileSystem;

/// <summary>
/// Whether a name from the SecretFiles input can be a file name in the task's folder on every agent OS: the same rules
/// everywhere, so a pipeline that works on Linux does not break on Windows. Checked before any request.
/// </summary>
internal static class SafeFileName
{
    public const int MaximumLength = 200;

    /// <summary>The reason the name is not a safe file name, or null when it is.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0 || name.Length > MaximumLength)
        {
            return $"a file name has 1 to {MaximumLength} characters";
        }

        if (name.Any(char.IsControl))
        {
            return "it holds a control character";
        }

        if (name.AsSpan().IndexOfAny("/\\:*?\"<>|") >= 0)
        {
            return "it holds a path separator or a character Windows does not allow in file names (/ \\ : * ? \" < > |)";
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('.'))
        {
            return "it starts with a dot or holds '..'";
        }

        if (name.EndsWith('.') || name.EndsWith(' ') || name.StartsWith(' '))
        {
            return "it starts or ends with a space, or ends with a dot (Windows drops them)";
        }

        return IsReservedOnWindows(name) ? "it is a device name reserved on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9)" : null;
    }

    /// <summary>Windows reserves these device names whatever the extension: 'nul.pfx' is the null device too.</summary>
    private static bool IsReservedOnWindows(string name)
    {
        var stem = name.Split('.')[0].TrimEnd().ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL" or "CONIN$" or "CONOUT$"
            || (stem.Length == 4 && (stem.StartsWith("COM", StringComparison.Ordinal) || stem.StartsWith("LPT", StringComparison.Ordinal))
                && stem[3] is (>= '0' and <= '9') or '¹' or '²' or '³');
    }
}
