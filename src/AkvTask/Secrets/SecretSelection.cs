namespace AkvTask.Secrets;

/// <summary>
/// What one fetch reads for both lists: the secrets set as variables (SecretsFilter) and the secrets written as files
/// (SecretFiles). A secret named exactly in both, with the same version, is read once and serves both; each list keeps
/// its own patterns and exclusions.
/// </summary>
internal sealed class SecretSelection
{
    private readonly SecretFilter _variables;
    private readonly SecretFilter? _files;

    private SecretSelection(SecretFilter variables, SecretFilter? files, IReadOnlyList<SecretRequest> requests)
    {
        _variables = variables;
        _files = files;
        Requests = requests;
    }

    /// <summary>Secrets named exactly in either list, each read directly, with what each list asked of it.</summary>
    public IReadOnlyList<SecretRequest> Requests { get; }

    public bool NeedsListing => _variables.NeedsListing || _files?.NeedsListing == true;

    public static SecretSelection Of(SecretFilter variables, SecretFilter? files = null)
    {
        var requests = new List<SecretRequest>(variables.Requests);
        foreach (var file in files?.Requests ?? [])
        {
            var index = requests.FindIndex(r =>
                r.Name.Equals(file.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Version, file.Version, StringComparison.OrdinalIgnoreCase));
            var asFile = index < 0 ? new SecretRequest(file.Name, file.Version, UnderOwnName: false, Aliases: []) : requests[index];
            asFile = asFile with { FileUnderOwnName = file.UnderOwnName, FileAliases = file.Aliases };
            if (index < 0)
            {
                requests.Add(asFile);
            }
            else
            {
                requests[index] = asFile;
            }
        }

        return new SecretSelection(variables, files, requests);
    }

    /// <summary>What a secret found by listing is read for, or null when neither list selects it.</summary>
    public ListedUse? ForListed(string name)
    {
        var use = new ListedUse(_variables.SelectsListed(name), _files?.SelectsListed(name) == true);
        return use.AsVariable || use.AsFile ? use : null;
    }
}

/// <summary>Whether a listed secret is set as a variable, written as a file, or both.</summary>
internal readonly record struct ListedUse(bool AsVariable, bool AsFile);
