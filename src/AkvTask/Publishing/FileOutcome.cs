namespace AkvTask.Publishing;

/// <summary>A file that could not be made or written; the message names the secret, the cause and the fix.</summary>
internal sealed record FileFailure(PlannedFile File, string Message);

/// <summary>What became of the files to write: those written (or, for <c>check</c>, that would be) and those that failed.</summary>
/// <param name="Folder">The step's private folder, or null when nothing was written.</param>
internal sealed record FileOutcome(IReadOnlyList<PlannedFile> Files, IReadOnlyList<FileFailure> Failures, string? Folder)
{
    public static FileOutcome None { get; } = new([], [], null);

    /// <summary>What <c>check</c> reports: every file to write is made in memory (that proves a certificate has its key), none written.</summary>
    public static FileOutcome Preview(PublishPlan plan)
    {
        var files = new List<PlannedFile>();
        var failures = new List<FileFailure>();
        foreach (var file in plan.FilesToWrite)
        {
            try
            {
                file.Format.Make(file.Secret);
                files.Add(file);
            }
            catch (SecretFileException e)
            {
                failures.Add(new FileFailure(file, e.Message));
            }
        }

        return new FileOutcome(files, failures, null);
    }
}
