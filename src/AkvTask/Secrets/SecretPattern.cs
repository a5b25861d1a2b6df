namespace AkvTask.Secrets;

/// <summary>A glob over secret names: '*' matches any run of characters, '?' exactly one; case-insensitive.</summary>
internal sealed class SecretPattern(string text)
{
    public string Text { get; } = text;

    public static bool IsPattern(string entry) => entry.AsSpan().IndexOfAny('*', '?') >= 0;

    public bool Matches(string name) => Matches(Text.AsSpan(), name.AsSpan());

    public override string ToString() => Text;

    // Iterative matching with one backtrack point: linear in practice, and no regular expression to build or escape.
    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || char.ToUpperInvariant(pattern[p]) == char.ToUpperInvariant(name[n])))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
