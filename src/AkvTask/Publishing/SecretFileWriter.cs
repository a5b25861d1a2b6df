using AkvTask.Agent;
using AkvTask.FileSystem;

namespace AkvTask.Publishing;

/// <summary>
/// Writes each planned file into a folder private to this step, after registering its content for masking, and sets
/// its non-secret path variables. The folder is handed to the post-job stage before the first file exists, so that it
/// is removed at the end of the job even if this run is killed halfway.
/// </summary>
internal sealed class SecretFileWriter(LoggingCommandWriter writer)
{
    /// <param name="tempDirectory">The agent's temp folder (AGENT_TEMPDIRECTORY), emptied by the agent between jobs.</param>
    public FileOutcome Write(PublishPlan plan, string? tempDirectory)
    {
        if (plan.FilesToWrite.Count == 0)
        {
            return FileOutcome.None;
        }

        var root = tempDirectory is not null && Directory.Exists(tempDirectory) ? tempDirectory : Path.GetTempPath();
        var folder = PrivateFolder.Create(root, PrivateFolder.NamePrefix);
        writer.SetTaskVariable(TaskVariables.FilesFolder, folder);

        var written = new List<PlannedFile>();
        var failures = new List<FileFailure>();
        foreach (var file in plan.FilesToWrite)
        {
            FileContent content;
            try
            {
                content = file.Format.Make(file.Secret);
            }
            catch (SecretFileException e)
            {
                failures.Add(new FileFailure(file, e.Message));
                continue;
            }

            foreach (var mask in content.Masks)
            {
                writer.SetSecret(mask);
            }

            // The agent has the masks (each line goes out as it is written) before anything can read the file and print it.
            var path = Path.Combine(folder, file.FileName);
            try
            {
                PrivateFolder.WriteFile(path, content.Bytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add(new FileFailure(file, $"The file '{file.FileName}' for secret '{file.Secret.Name}' could not be written to {folder}: {e.Message}"));
                continue;
            }

            foreach (var variable in file.PathVariables)
            {
                // Not secret: a path, which scripts get as an environment variable without mapping it.
                writer.SetVariable(variable, path, isSecret: false);
            }

            written.Add(file);
        }

        return new FileOutcome(written, failures, folder);
    }
}
