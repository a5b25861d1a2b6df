using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>
/// What a run would set and write, and the one decision whether any of it may be: two secrets that would set the same
/// variable, or a file that clashes or cannot be named, stop all of it, so that a run never half-publishes. The task
/// and the check command both take what to set and to write from here.
/// </summary>
internal sealed class PublishPlan
{
    private PublishPlan(VariablePlan variables, FilePlan files)
    {
        Variables = variables;
        Files = files;
    }

    public static PublishPlan Empty { get; } = new(VariablePlan.Create([], hyphenAliases: false), FilePlan.Empty);

    /// <summary>Every secret read as a variable, with its names and the clashes between them.</summary>
    public VariablePlan Variables { get; }

    /// <summary>Every file asked for, with its name and format, and the clashes between them.</summary>
    public FilePlan Files { get; }

    public bool MayPublish => Variables.Conflicts.Count == 0 && !Files.Blocked;

    /// <summary>The secrets to set as variables: all of them, or none.</summary>
    public IReadOnlyList<PlannedSecret> SecretsToSet => MayPublish ? Variables.Secrets : [];

    /// <summary>The files to write: all of them, or none.</summary>
    public IReadOnlyList<PlannedFile> FilesToWrite => MayPublish ? Files.Files : [];

    public static PublishPlan Create(IReadOnlyList<FetchedSecret> secrets, bool hyphenAliases, SecretFileFormat certificateFormat)
    {
        var variables = VariablePlan.Create([.. secrets.Where(secret => secret.Variables.Count > 0)], hyphenAliases);
        var files = FilePlan.Create(secrets, certificateFormat, hyphenAliases, variables.Secrets.SelectMany(planned => planned.VariableNames));
        return new PublishPlan(variables, files);
    }
}
