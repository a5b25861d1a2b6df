using System.Text.RegularExpressions;
using AkvTask.FileSystem;

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
    /// <summary>Every secret: the SecretsFilter input's default.</summary>
    public const string Everything = "*";

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
        var texts = Tokenize(filter);
        if (texts.Count == 0)
        {
            return list == FilterList.SecretFiles
                ? new SecretFilter([], [], [])
                : throw new SecretFilterException("The secrets filter is empty. Use * for every secret, or list secret names separated by commas.");
        }

        // Each entry is checked before the next is read, so the first wrong entry is the one the message names.
        var entries = new List<FilterEntry>();
        var targets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts)
        {
            var entry = FilterEntry.Classify(text);
            Check(entry, label, list);
            CheckUniqueTarget(entry, list, targets);
            entries.Add(entry);
        }

        return Fold(entries);
    }

    /// <summary>Entries are separated by commas or new lines, trimmed, blanks ignored, repeats merged.</summary>
    private static List<string> Tokenize(string filter) =>
        [.. filter.Split([',', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static void Check(FilterEntry entry, string label, FilterList list)
    {
        switch (entry.Kind)
        {
            case EntryKind.Exclusion:
                CheckPattern(label, entry.Text, entry.Name, "an exclusion");
                break;
            case EntryKind.Pattern:
                CheckPattern(label, entry.Text, entry.Name, "a pattern");
                break;
            case EntryKind.Exact:
                CheckExactName(label, entry.Text, entry.Name, entry.Alias, entry.Version);
                if (list == FilterList.SecretFiles && SafeFileName.Problem(entry.Target) is { } unsafeName)
                {
                    throw new SecretFilterException($"{label} '{entry.Text}': '{entry.Target}' cannot be a file name: {unsafeName}.");
                }

                if (entry.Alias is not null && !VariableName().IsMatch(entry.Alias))
                {
                    throw new SecretFilterException(
                        $"{label} '{entry.Text}': the alias '{entry.Alias}' is not a valid variable name " +
                        "(letters, digits, '_', '-' and '.', starting with a letter or '_').");
                }

                break;
        }
    }

    /// <summary>Two entries setting one variable (or writing one file) would leave it to chance which value wins.</summary>
    private static void CheckUniqueTarget(FilterEntry entry, FilterList list, Dictionary<string, string> targets)
    {
        if (entry.Kind != EntryKind.Exact)
        {
            return;
        }

        if (targets.TryGetValue(entry.Target, out var other))
        {
            throw new SecretFilterException(list == FilterList.SecretFiles
                ? $"The SecretFiles entries '{other}' and '{entry.Text}' would both write the file '{entry.Target}'. Give one of them an alias."
                : $"The secrets filter entries '{other}' and '{entry.Text}' would both set the variable '{entry.Target}'. Give one of them an alias.");
        }

        targets[entry.Target] = entry.Text;
    }

    /// <summary>The checked entries as the filter: patterns, exclusions, and one request per secret and version.</summary>
    private static SecretFilter Fold(IReadOnlyList<FilterEntry> entries)
    {
        var includes = entries.Where(e => e.Kind == EntryKind.Pattern).Select(e => new SecretPattern(e.Name)).ToList();
        var excludes = entries.Where(e => e.Kind == EntryKind.Exclusion).Select(e => new SecretPattern(e.Name)).ToList();
        var requests = new List<RequestBuilder>();
        foreach (var entry in entries.Where(e => e.Kind == EntryKind.Exact))
        {
            var request = requests.FirstOrDefault(r => r.Matches(entry.Name, entry.Version));
            if (request is null)
            {
                request = new RequestBuilder(entry.Name, entry.Version);
                requests.Add(request);
            }

            request.Add(entry.Alias);
        }

        if (includes.Count == 0 && requests.Count == 0)
        {
            // Exclusions alone: everything but them.
            includes.Add(new SecretPattern(Everything));
        }

        return new SecretFilter(
            requests.Select(r => r.Build()).Where(r => !excludes.Any(pattern => pattern.Matches(r.Name))).ToList(),
            includes,
            excludes);
    }

    private static void CheckPattern(string label, string entry, string pattern, string what)
    {
        if (!PatternText().IsMatch(pattern))
        {
            throw new SecretFilterException(
                $"{label} '{entry}' is not {what}: use letters, digits, hyphens and the wildcards * and ?, " +
                "without a version or an alias.");
        }
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

    private enum EntryKind
    {
        Exclusion,
        Pattern,
        Exact,
    }

    /// <summary>One entry, classified by its form but not yet checked.</summary>
    /// <param name="Name">The secret's name or the pattern, without an exclusion's '!', an alias or a version.</param>
    private sealed record FilterEntry(string Text, EntryKind Kind, string Name, string? Version = null, string? Alias = null)
    {
        /// <summary>The variable an exact entry sets, or in SecretFiles the file it writes.</summary>
        public string Target => Alias ?? Name;

        public static FilterEntry Classify(string text)
        {
            if (text.StartsWith('!'))
            {
                return new FilterEntry(text, EntryKind.Exclusion, text[1..].Trim());
            }

            var equals = text.IndexOf('=');
            var alias = equals < 0 ? null : text[..equals].Trim();
            var target = equals < 0 ? text : text[(equals + 1)..].Trim();
            var slash = target.IndexOf('/');
            var name = slash < 0 ? target : target[..slash].Trim();
            var version = slash < 0 ? null : target[(slash + 1)..].Trim();
            return alias is null && version is null && (name == Everything || SecretPattern.IsPattern(name))
                ? new FilterEntry(text, EntryKind.Pattern, name)
                : new FilterEntry(text, EntryKind.Exact, name, version, alias);
        }
    }

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
