using System.Text.RegularExpressions;

namespace AkvTask.Secrets;

/// <summary>The inputs written in the filter language: secrets to set as variables, and secrets to write as files.</summary>
internal enum FilterList
{
    SecretsFilter,
    SecretFiles,
}

/// <summary>
/// The SecretsFilter input, parsed and checked before any request is made. Entries are separated by commas or
/// new lines, trimmed, blanks ignored, repeats merged, names and patterns case-insensitive:
/// <c>*</c>, <c>name</c>, <c>prefix-*</c> / <c>a?c</c>, <c>!pattern</c>, <c>name/&lt;version&gt;</c>,
/// <c>Alias=name</c> and <c>Alias=name/&lt;version&gt;</c>.
/// </summary>
internal sealed partial class SecretFilter
{
    private SecretFilter(IReadOnlyList<SecretRequest> requests, IReadOnlyList<SecretPattern> includes, IReadOnlyList<SecretPattern> excludes)
    {
        Requests = requests;
        Includes = includes;
        Excludes = excludes;
    }

    /// <summary>Secrets named exactly, each read directly; in the order given, exclusions already applied.</summary>
    public IReadOnlyList<SecretRequest> Requests { get; }

    /// <summary>Patterns selecting from the vault's listing; <c>*</c> is one of them.</summary>
    public IReadOnlyList<SecretPattern> Includes { get; }

    public IReadOnlyList<SecretPattern> Excludes { get; }

    /// <summary>Only patterns need the vault listed, and so the List permission; after <c>!*</c> nothing is left to list for.</summary>
    public bool NeedsListing => Includes.Count > 0 && !Excludes.Any(pattern => pattern.Text == "*");

    /// <summary>Whether a secret found by listing is selected (secrets named exactly are read by their own entries).</summary>
    public bool SelectsListed(string name) =>
        Includes.Any(pattern => pattern.Matches(name)) && !IsExcluded(name) && !IsRequested(name);

    public bool IsExcluded(string name) => Excludes.Any(pattern => pattern.Matches(name));

    public bool IsRequested(string name) => Requests.Any(request => request.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <param name="list">Which input the text comes from: it names the input in messages, and SecretFiles entries name files.</param>
    public static SecretFilter Parse(string filter, FilterList list = FilterList.SecretsFilter)
    {
        var label = list == FilterList.SecretFiles ? "The SecretFiles entry" : "The secrets filter entry";
        var entries = filter
            .Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        if (entries.Count == 0 && list == FilterList.SecretFiles)
        {
            return new SecretFilter([], [], []);
        }

        if (entries.Count == 0)
        {
            throw new SecretFilterException("The secrets filter is empty. Use * for every secret, or list secret names separated by commas.");
        }

        var includes = new List<SecretPattern>();
        var excludes = new List<SecretPattern>();
        var requests = new List<RequestBuilder>();
        var variables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        foreach (var entry in entries)
        {
            if (entry.StartsWith('!'))
            {
                excludes.Add(new SecretPattern(PatternOrName(label, entry, entry[1..].Trim(), "an exclusion")));
                continue;
            }

            var equals = entry.IndexOf('=');
            var alias = equals < 0 ? null : entry[..equals].Trim();
            var target = equals < 0 ? entry : entry[(equals + 1)..].Trim();
            var slash = target.IndexOf('/');
            var name = slash < 0 ? target : target[..slash].Trim();
            var version = slash < 0 ? null : target[(slash + 1)..].Trim();

            if (alias is null && version is null && (name == "*" || SecretPattern.IsPattern(name)))
            {
                includes.Add(new SecretPattern(PatternOrName(label, entry, name, "a pattern")));
                continue;
            }

            CheckExactName(label, entry, name, alias, version);
            if (list == FilterList.SecretFiles && SafeFileName.Problem(alias ?? name) is { } unsafeName)
            {
                throw new SecretFilterException($"{label} '{entry}': '{alias ?? name}' cannot be a file name: {unsafeName}.");
            }

            if (alias is not null && !VariableName().IsMatch(alias))
            {
                throw new SecretFilterException(
                    $"{label} '{entry}': the alias '{alias}' is not a valid variable name " +
                    "(letters, digits, '_', '-' and '.', starting with a letter or '_').");
            }

            // Two entries setting one variable (or writing one file) would leave it to chance which value wins.
            var variable = alias ?? name;
            if (variables.TryGetValue(variable, out var other))
            {
                throw new SecretFilterException(list == FilterList.SecretFiles
                    ? $"The SecretFiles entries '{other}' and '{entry}' would both write the file '{variable}'. Give one of them an alias."
                    : $"The secrets filter entries '{other}' and '{entry}' would both set the variable '{variable}'. Give one of them an alias.");
            }

            variables[variable] = entry;
            var request = requests.FirstOrDefault(r => r.Matches(name, version));
            if (request is null)
            {
                request = new RequestBuilder(name, version);
                requests.Add(request);
            }

            request.Add(alias);
        }

        if (includes.Count == 0 && requests.Count == 0)
        {
            // Exclusions alone: everything but them.
            includes.Add(new SecretPattern("*"));
        }

        return new SecretFilter(
            requests.Select(r => r.Build()).Where(r => !excludes.Any(pattern => pattern.Matches(r.Name))).ToList(),
            includes,
            excludes);
    }

    private static string PatternOrName(string label, string entry, string pattern, string what)
    {
        if (!PatternText().IsMatch(pattern))
        {
            throw new SecretFilterException(
                $"{label} '{entry}' is not {what}: use letters, digits, hyphens and the wildcards * and ?, " +
                "without a version or an alias.");
        }

        return pattern;
    }

    private static void CheckExactName(string label, string entry, string name, string? alias, string? version)
    {
        if (SecretPattern.IsPattern(name) && (alias is not null || version is not null))
        {
            throw new SecretFilterException(
                $"{label} '{entry}' combines a pattern with {(alias is not null ? "an alias" : "a version")}: " +
                "name one secret exactly to give it an alias or a version.");
        }

        if (!SecretName().IsMatch(name))
        {
            throw new SecretFilterException(
                $"{label} '{entry}': '{name}' is not a secret name (1 to 127 letters, digits and hyphens).");
        }

        if (version is not null && !VersionId().IsMatch(version))
        {
            throw new SecretFilterException(
                $"{label} '{entry}': '{version}' is not a version id (32 hexadecimal characters, as the vault shows it).");
        }
    }

    [GeneratedRegex("^[0-9a-zA-Z-]{1,127}$")]
    private static partial Regex SecretName();

    [GeneratedRegex("^[0-9a-zA-Z*?-]{1,127}$")]
    private static partial Regex PatternText();

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex VersionId();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]*$")]
    private static partial Regex VariableName();

    private sealed class RequestBuilder(string name, string? version)
    {
        private readonly List<string> _aliases = [];
        private bool _underOwnName;

        public bool Matches(string otherName, string? otherVersion) =>
            name.Equals(otherName, StringComparison.OrdinalIgnoreCase) && string.Equals(version, otherVersion, StringComparison.OrdinalIgnoreCase);

        public void Add(string? alias)
        {
            if (alias is null)
            {
                _underOwnName = true;
            }
            else
            {
                _aliases.Add(alias);
            }
        }

        public SecretRequest Build() => new(name, version?.ToLowerInvariant(), _underOwnName, _aliases);
    }
}
