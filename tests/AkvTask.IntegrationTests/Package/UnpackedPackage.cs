using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using AkvTask.TestSupport;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// A .vsix built by build/build.sh for some platforms and unpacked the way the agent lays out a downloaded task:
/// Azure DevOps serves the package's task folder, which the agent unpacks into _work/_tasks/&lt;name&gt;_&lt;id&gt;/&lt;version&gt;/.
/// A zip carries no Unix permissions: every file arrives as plain data.
/// </summary>
internal sealed record UnpackedPackage(DirectoryInfo Work, string Vsix, string Unzipped, string TaskFolder, string Version)
{
    public const string TaskName = "KeyVaultSecrets";
    public const string ExtensionId = "keyvault-secrets";

    public static async Task<UnpackedPackage> BuildAsync(IReadOnlyList<string> rids, string publisher, string workPrefix)
    {
        var version = XDocument.Load(Path.Combine(RepositoryLayout.Root, "Directory.Build.props")).Descendants("Version").Single().Value.Trim();
        var vsix = Path.Combine(RepositoryLayout.Root, "out", $"{publisher}.{ExtensionId}-{version}.vsix");
        Directory.CreateDirectory(Path.GetDirectoryName(vsix)!);
        File.Delete(vsix);

        await PackagedTaskTests.BuildAsync(rids, publisher);

        var work = Directory.CreateTempSubdirectory(workPrefix);
        var unzipped = Path.Combine(work.FullName, "vsix");
        ZipFile.ExtractToDirectory(vsix, unzipped);
        var taskId = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(unzipped, TaskName, "task.json")))!["id"]!;
        var taskFolder = Path.Combine(work.FullName, "_work", "_tasks", $"{TaskName}_{taskId}", version);
        CopyFolder(Path.Combine(unzipped, TaskName), taskFolder);
        return new UnpackedPackage(work, vsix, unzipped, taskFolder, version);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
