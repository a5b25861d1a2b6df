using System.Text;

namespace AkvTask.Agent;

/// <summary>Writes the run summary where the agent can upload it (task.uploadsummary takes a file).</summary>
internal static class SummaryFile
{
    public static string Write(string? tempDirectory, string vaultName, string markdown)
    {
        var root = tempDirectory is not null && Directory.Exists(tempDirectory) ? tempDirectory : Path.GetTempPath();
        // The file's name is the summary's title on the run's page; its own folder keeps two uses of the task apart.
        var folder = Directory.CreateDirectory(Path.Combine(root, "keyvaultsecrets-" + Guid.NewGuid().ToString("N")));
        var path = Path.Combine(folder.FullName, $"Key Vault secrets - {vaultName}.md");
        File.WriteAllText(path, markdown, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }
}
