using System.Text;

namespace AkvTask.Agent;

/// <summary>Writes the run summary where the agent can upload it (task.uploadsummary takes a file).</summary>
internal static class SummaryFile
{
    /// <summary>
    /// Writes the summary into the agent's temporary folder, which the agent empties after the job. Without one there is
    /// nowhere to put it that would not outlive the job, so nothing is written.
    /// </summary>
    /// <returns>The file's path, or null when the agent gave no temporary folder.</returns>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written to.</exception>
    public static string? Write(string? agentTempDirectory, string vaultName, string markdown)
    {
        if (agentTempDirectory is null || !Directory.Exists(agentTempDirectory))
        {
            return null;
        }

        // The file's name is the summary's title on the run's page; its own folder keeps two uses of the task apart.
        var folder = Directory.CreateDirectory(Path.Combine(agentTempDirectory, "keyvaultsecrets-" + Guid.NewGuid().ToString("N")));
        var path = Path.Combine(folder.FullName, $"Key Vault secrets - {vaultName}.md");
        File.WriteAllText(path, markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
