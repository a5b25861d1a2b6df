using System.Text.RegularExpressions;

namespace AkvTask.Tests.Package;

/// <summary>
/// The program's folders are layers: each uses only the folders of the layers below it, and its namespace is its
/// folder's. The README's layout section draws the same picture.
/// </summary>
[TestFixture]
public sealed partial class SourceLayersTests
{
    private const string Root = "(root)";

    /// <summary>Bottom first; folders of one layer do not use one another.</summary>
    private static readonly string[][] Layers =
    [
        ["FileSystem", "Errors"],
        ["Agent"],
        ["Network", "Authentication", "Secrets"],
        ["Publishing"],
        ["Outcome"],
        ["Run"],
        ["Stages", "Checking"],
        [Root],
    ];

    [Test]
    public void Every_folder_is_a_layer_and_its_files_are_in_its_namespace()
    {
        var folders = Sources().Select(s => s.Folder).Distinct();

        folders.Should().BeSubsetOf(Layers.SelectMany(layer => layer), "a new folder takes its place in the layers here and in the README");
        Sources().Where(s => s.Folder != Root && s.Namespace != "AkvTask." + s.Folder)
            .Select(s => $"{s.Path}: namespace {s.Namespace}").Should().BeEmpty();
    }

    [Test]
    public void Each_folder_uses_only_the_layers_below_it()
    {
        var violations = new List<string>();
        foreach (var source in Sources())
        {
            var level = LevelOf(source.Folder);
            foreach (var used in source.Uses.Where(used => used != source.Folder && LevelOf(used) >= level))
            {
                violations.Add($"{source.Path} ({source.Folder}) uses {used}");
            }
        }

        violations.Should().BeEmpty();
    }

    [Test]
    public void The_check_finds_a_use_of_a_higher_layer()
    {
        var source = Read("Secrets/Example.cs", "using AkvTask.Publishing;\nnamespace AkvTask.Secrets;\nclass A { AkvTask.Outcome.RunOutcome? B; }");

        source.Uses.Should().BeEquivalentTo("Publishing", "Outcome");
        LevelOf("Secrets").Should().BeLessThan(LevelOf("Publishing"));
    }

    private static int LevelOf(string folder) => Array.FindIndex(Layers, layer => layer.Contains(folder));

    private static IEnumerable<Source> Sources()
    {
        var root = PackageSources.PathOf("src/AkvTask");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
            .Select(path => Read(path, File.ReadAllText(Path.Combine(root, path))))
            .ToList();
    }

    private static Source Read(string path, string text)
    {
        var folder = path.Contains('/') ? path[..path.IndexOf('/')] : Root;
        var code = Comment().Replace(text, "");
        var uses = Reference().Matches(Namespace().Replace(code, "")).Select(m => m.Groups[1].Value).Distinct().ToList();

        // The root namespace's types (the command line) are visible from every folder without a using.
        if (folder != Root && RootType().IsMatch(code))
        {
            uses.Add(Root);
        }

        return new Source(path, folder, Namespace().Match(code).Groups[1].Value, uses);
    }

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\bAkvTask\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"\bCommandLine\.")]
    private static partial Regex RootType();

    private sealed record Source(string Path, string Folder, string Namespace, IReadOnlyList<string> Uses);
}
