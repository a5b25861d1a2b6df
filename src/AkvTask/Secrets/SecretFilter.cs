using System.Text.RegularExpressions;

namespace AkvTask.Secrets;

/// <summary>Which secrets to read: every secret in the vault (<c>*</c>), or a list of names.</summary>
internal sealed partial class SecretFilter
{
    private SecretFilter(bool all, IReadOnlyList<string> names)
    {
        All = all;
        Names = names;
    }

    /// <summary>Every enabled secret in the vault is read; listing the vault is needed.</summary>
    public bool All { get; }

    /// <summary>Secrets named exactly, each read directly without listing the vault; distinct, in the order given.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Entries are separated by commas or new lines; blanks are ignored and names are case-insensitive.</summary>
    public static SecretFilter Parse(string filter)
    {
        var entries = filter
            .Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        if (entries.Length == 0)
        {
            throw new SecretFilterException("The secrets filter is empty. Use * for every secret, or a comma-separated list of secret names.");
        }

        if (entries.Contains("*"))
        {
            return new SecretFilter(all: true, []);
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (!SecretName().IsMatch(entry))
            {
                throw new SecretFilterException(
                    $"The secrets filter entry '{entry}' is not a secret name: names are 1 to 127 letters, digits and hyphens.");
            }

            if (seen.Add(entry))
            {
                names.Add(entry);
            }
        }

        return new SecretFilter(all: false, names);
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex SecretName();
}
