using System.Text.Json.Nodes;
using System.Xml.Linq;
using AkvTask.TestSupport;

namespace AkvTask.Tests.Package;

/// <summary>The source files the extension is packed from, read from the repository.</summary>
internal static class PackageSources
{
    public static string PathOf(string relativePath) => Path.Combine(RepositoryLayout.Root, relativePath);

    public static string ReadText(string relativePath) => File.ReadAllText(PathOf(relativePath));

    public static JsonObject ReadJson(string relativePath) =>
        JsonNode.Parse(ReadText(relativePath))?.AsObject() ?? throw new InvalidDataException($"{relativePath} is not a JSON object.");

    public static JsonObject TaskJson() => ReadJson("task/task.json");

    public static JsonObject Manifest() => ReadJson("vss-extension.json");

    /// <summary>The one version number: &lt;Version&gt; in Directory.Build.props.</summary>
    public static string Version() =>
        XDocument.Load(PathOf("Directory.Build.props")).Descendants("Version").Single().Value.Trim();
}
