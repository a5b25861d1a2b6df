namespace AkvTask.Publishing;

/// <summary>The variable names a secret is set under.</summary>
internal static class VariableNames
{
    /// <summary>
    /// The secret's own name first, then its hyphen alias: scripts and <c>env:</c> mappings cannot use names with '-'.
    /// </summary>
    public static IReadOnlyList<string> For(string secretName, bool hyphenAliases) =>
        hyphenAliases && secretName.Contains('-')
            ? [secretName, secretName.Replace('-', '_')]
            : [secretName];
}
