using AkvTask.Agent;
using AkvTask.FileSystem;

namespace AkvTask.Stages;

/// <summary>
/// The post-job stage: the agent runs it at the end of the job whatever the job's result, cancelled jobs included.
/// It removes the folder of secret files the job or pre-job stage of the same use of the task wrote, and nothing else.
/// </summary>
internal static class PostJobCleanup
{
    public static int Run(AgentEnvironment environment, LoggingCommandWriter log)
    {
        var folder = TaskVariables.Read(environment, TaskVariables.FilesFolder);
        if (string.IsNullOrEmpty(folder))
        {
            const string nothing = "This use of the task wrote no secret files: nothing to remove.";
            log.Info(nothing);
            log.Complete(TaskResult.Skipped, nothing);
            return 0;
        }

        // Only a folder this task makes: a full path whose last part is the task's prefix and a random id.
        if (!Path.IsPathFullyQualified(folder) || !Path.GetFileName(folder).StartsWith(PrivateFolder.NamePrefix, StringComparison.Ordinal))
        {
            var odd = $"The folder to remove, '{folder}', is not one this task creates; it was left alone.";
            log.Warning(odd);
            log.Complete(TaskResult.SucceededWithIssues, odd);
            return 0;
        }

        if (!Directory.Exists(folder))
        {
            var gone = $"The secret files' folder {folder} is already gone.";
            log.Info(gone);
            log.Complete(TaskResult.Succeeded, gone);
            return 0;
        }

        var (removed, failed) = Remove(folder, log);
        var summary = failed == 0
            ? $"Removed {removed} secret file(s) and their folder {folder}."
            : $"Removed {removed} secret file(s) from {folder}; {failed} could not be removed.";
        log.Info(summary);
        log.Complete(failed == 0 ? TaskResult.Succeeded : TaskResult.SucceededWithIssues, summary);
        return 0;
    }

    /// <summary>The folder holds files only; a link is removed as a link, never followed.</summary>
    private static (int Removed, int Failed) Remove(string folder, LoggingCommandWriter log)
    {
        int removed = 0, failed = 0;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
        {
            try
            {
                if (entry is DirectoryInfo { LinkTarget: null } directory)
                {
                    directory.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }

                removed++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed++;
                log.Warning($"Could not remove the secret file {entry.FullName}: {e.Message}");
            }
        }

        if (failed == 0)
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed++;
                log.Warning($"Could not remove the folder {folder}: {e.Message}");
            }
        }

        return (removed, failed);
    }
}
