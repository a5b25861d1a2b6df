using AkvTask.FileSystem;
using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>A file to write: which secret, under which file name and format, and the variables that will hold its path.</summary>
/// <param name="Entry">The SecretFiles name it comes from (the secret's name or an alias), before any extension.</param>
internal sealed record PlannedFile(FetchedSecret Secret, string Entry, string FileName, SecretFileFormat Format, IReadOnlyList<string> PathVariables);

/// <summary>Two SecretFiles entries that would write the same file, or a path variable that another variable already has.</summary>
/// <param name="Target">The file name or the variable name.</param>
/// <param name="IsFile">Whether <paramref name="Target"/> is a file name (else a variable name).</param>
internal sealed record FileConflict(string Target, bool IsFile, string First, string Second);

/// <summary>
/// Which file each secret listed in SecretFiles becomes, decided for all of them before any is written: a certificate's
/// extension depends on its content type, which only the fetch tells, so collisions are found here.
/// </summary>
internal sealed class FilePlan
{
    public const string PathSuffix = ".path";

    private FilePlan(IReadOnlyList<PlannedFile> files, IReadOnlyList<FileConflict> conflicts, IReadOnlyList<(string Secret, string Reason)> unsafeNames)
    {
        Files = files;
        Conflicts = conflicts;
        UnsafeNames = unsafeNames;
    }

    public static FilePlan Empty { get; } = new([], [], []);

    public IReadOnlyList<PlannedFile> Files { get; }

    public IReadOnlyList<FileConflict> Conflicts { get; }

    /// <summary>Secrets found by a pattern whose own name cannot be a file name (e.g. 'con' on Windows).</summary>
    public IReadOnlyList<(string Secret, string Reason)> UnsafeNames { get; }

    /// <summary>Two entries would clash, or a name is not safe: then nothing may be written or set (<see cref="PublishPlan.MayPublish"/>).</summary>
    public bool Blocked => Conflicts.Count > 0 || UnsafeNames.Count > 0;

    /// <param name="variablesTaken">The variables the secrets themselves are set under: a path variable may not take one.</param>
    public static FilePlan Create(
        IEnumerable<FetchedSecret> secrets, SecretFileFormat certificateFormat, bool hyphenAliases, IEnumerable<string> variablesTaken)
    {
        var files = new List<PlannedFile>();
        var conflicts = new List<FileConflict>();
        var unsafeNames = new List<(string, string)>();
        var fileOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var variableOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var taken in variablesTaken)
        {
            variableOwners.TryAdd(taken, $"variable '{taken}'");
        }

        foreach (var secret in secrets)
        {
            foreach (var entry in secret.Files)
            {
                var owner = entry.Equals(secret.Name, StringComparison.OrdinalIgnoreCase) ? $"secret '{secret.Name}'" : $"alias '{entry}' of secret '{secret.Name}'";
                var format = SecretFileFormat.For(secret.ContentType, certificateFormat);
                var fileName = format.FileName(entry);
                if (SafeFileName.Problem(fileName) is { } problem)
                {
                    unsafeNames.Add((secret.Name, $"'{fileName}' cannot be a file name: {problem}"));
                    continue;
                }

                // Windows and macOS file systems ignore case: 'Cert.pfx' and 'cert.pfx' are one file there.
                if (!fileOwners.TryAdd(fileName, owner))
                {
                    conflicts.Add(new FileConflict(fileName, IsFile: true, fileOwners[fileName], owner));
                    continue;
                }

                var variables = new List<string> { entry + PathSuffix };
                if (hyphenAliases && entry.Contains('-'))
                {
                    variables.Add(entry.Replace('-', '_') + PathSuffix);
                }

                foreach (var variable in variables)
                {
                    if (!variableOwners.TryAdd(variable, $"path of {owner}"))
                    {
                        conflicts.Add(new FileConflict(variable, IsFile: false, variableOwners[variable], $"path of {owner}"));
                    }
                }

                files.Add(new PlannedFile(secret, entry, fileName, format, variables));
            }
        }

        return new FilePlan(files.OrderBy(f => f.FileName, StringComparer.OrdinalIgnoreCase).ToList(), conflicts, unsafeNames);
    }
}
