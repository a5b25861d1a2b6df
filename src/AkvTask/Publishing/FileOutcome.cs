namespace AkvTask.Publishing;

/// <summary>A file that could not be made or written; the message names the secret, the cause and the fix.</summary>
internal sealed record FileFailure(PlannedFile File, string Message);

/// <summary>What became of the SecretFiles list: the plan, and the files written (or, for <c>check</c>, that would be) or not.</summary>
/// <param name="Folder">The step's private folder, or null when nothing was written.</param>
internal sealed record FileOutcome(FilePlan Plan, IReadOnlyList<PlannedFile> Files, IReadOnlyList<FileFailure> Failures, string? Folder)
{
    public static FileOutcome None { get; } = new(FilePlan.Empty, [], [], null);

    /// <summary>Nothing written: the plan is blocked, or a variable clash stopped the whole run.</summary>
    public static FileOutcome NotWritten(FilePlan plan) => new(plan, [], [], null);

    /// <summary>What <c>check</c> reports: every planned file is made in memory (that proves a certificate has its key), none written.</summary>
    public static FileOutcome Preview(FilePlan plan)
    {
        if (plan.Blocked)
        {
            return NotWritten(plan);
        }

        var files = new List<PlannedFile>();
        var failures = new List<FileFailure>();
        foreach (var file in plan.Files)
        {
            try
            {
                SecretFileContent.For(file);
                files.Add(file);
            }
            catch (SecretFileException e)
            {
                failures.Add(new FileFailure(file, e.Message));
            }
        }

        return new FileOutcome(plan, files, failures, null);
    }
}
