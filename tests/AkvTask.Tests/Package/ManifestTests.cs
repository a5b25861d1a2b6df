using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AkvTask.Tests.Package;

/// <summary>
/// The extension manifest, task.json, the task folder and the build scripts agree with one another. The packed .vsix
/// itself is checked by the integration tests in AkvTask.IntegrationTests/Package.
/// </summary>
[TestFixture]
public sealed partial class ManifestTests
{
    private const string TaskContributionType = "ms.vss-distributed-task.task";
    private static readonly string[] Handlers = ["Node24", "Node20_1", "Node16"];

    [Test]
    public void The_task_contribution_names_the_task_and_its_folder_in_the_package()
    {
        var manifest = PackageSources.Manifest();
        var task = PackageSources.TaskJson();

        var contribution = manifest["contributions"]!.AsArray().Should()
            .ContainSingle(c => (string?)c!["type"] == TaskContributionType).Subject!;
        var name = (string?)contribution["properties"]!["name"];

        name.Should().Be((string?)task["name"]);
        contribution["targets"]!.AsArray().Select(t => (string?)t).Should().Equal("ms.vss-distributed-task.tasks");
        manifest["files"]!.AsArray().Should().ContainSingle(f => (string?)f!["packagePath"] == name)
            .Which!["path"]!.GetValue<string>().Should().Be("task");
    }

    [Test]
    public void The_manifest_is_one_the_Marketplace_and_the_server_accept()
    {
        var manifest = PackageSources.Manifest();

        ((int?)manifest["manifestVersion"]).Should().Be(1);
        ((string?)manifest["id"]).Should().MatchRegex("^[a-z0-9][a-z0-9-]*$");
        ((string?)manifest["publisher"]).Should().MatchRegex("^[A-Za-z0-9][A-Za-z0-9-]*$");
        ((string?)manifest["description"]).Should().NotBeNullOrWhiteSpace().And.Match(d => d.Length < 200, "tfx refuses 200 characters or more");
        manifest["targets"]!.AsArray().Select(t => (string?)t!["id"]).Should().Equal("Microsoft.VisualStudio.Services");
        manifest["categories"]!.AsArray().Select(c => (string?)c).Should().Equal("Azure Pipelines");
        manifest["tags"]!.AsArray().Should().NotBeEmpty();
        ((string?)manifest["repository"]!["type"]).Should().Be("git");
        ((string?)manifest["repository"]!["uri"]).Should().StartWith("https://");
        manifest["links"]!.AsObject().Select(l => (string?)l.Value!["uri"]).Should().OnlyContain(uri => uri!.StartsWith("https://"));
        ((string?)manifest["content"]!["details"]!["path"]).Should().EndWith(".md");
    }

    [Test]
    public void The_version_lives_in_Directory_Build_props_and_the_program_reports_it()
    {
        var version = PackageSources.Version();

        version.Should().MatchRegex(@"^\d+\.\d+\.\d+$", "task.json needs it as Major, Minor and Patch numbers");
        CommandLine.Version.Should().Be(version, "AkvTask --version prints the assembly's version, built from Directory.Build.props");
    }

    [Test]
    public void The_source_files_carry_no_version_of_their_own()
    {
        // build/build.sh stamps the version into the packaged copies; a number here would only mislead.
        var task = PackageSources.TaskJson();
        var manifest = PackageSources.Manifest();

        new[] { (int?)task["version"]!["Major"], (int?)task["version"]!["Minor"], (int?)task["version"]!["Patch"] }.Should().Equal(0, 0, 0);
        ((string?)manifest["version"]).Should().Be("0.0.0");
    }

    [Test]
    public void Every_handler_runs_an_entry_script_of_the_task_folder()
    {
        var task = PackageSources.TaskJson();

        foreach (var (section, entry) in new[] { ("execution", "run.js"), ("prejobexecution", "runprejob.js"), ("postjobexecution", "runpostjob.js") })
        {
            var handlers = task[section]!.AsObject();
            handlers.Select(h => h.Key).Should().Equal(Handlers, $"{section} lists the Node handlers newest first");
            handlers.Select(h => (string?)h.Value!["target"]).Should().OnlyContain(target => target == entry);
            File.Exists(PackageSources.PathOf(Path.Combine("task", entry))).Should().BeTrue($"{section} runs task/{entry}");
        }

        foreach (var script in new[] { "run.js", "runprejob.js", "runpostjob.js" })
        {
            PackageSources.ReadText(Path.Combine("task", script)).Should().Contain("require('./launcher')");
        }

        File.Exists(PackageSources.PathOf("task/launcher.js")).Should().BeTrue();
    }

    [Test]
    public void Every_file_the_manifest_names_exists()
    {
        var manifest = PackageSources.Manifest();
        var paths = manifest["files"]!.AsArray().Select(f => (string)f!["path"]!)
            .Concat(manifest["icons"]!.AsObject().Select(i => (string)i.Value!))
            .Concat(manifest["content"]!.AsObject().Select(c => (string)c.Value!["path"]!));

        paths.Should().OnlyContain(path => Path.Exists(PackageSources.PathOf(path)));
    }

    [TestCase("images/extension-icon.png", 128)]
    [TestCase("task/icon.png", 32)]
    public void Icons_have_their_pixel_sizes(string path, int size)
    {
        PngHeader.ReadSize(PackageSources.PathOf(path)).Should().Be((size, size));
    }

    [Test]
    public void The_extension_icon_is_the_one_the_manifest_names()
    {
        ((string?)PackageSources.Manifest()["icons"]!["default"]).Should().Be("images/extension-icon.png");
    }

    [Test]
    public void Both_build_scripts_build_the_platforms_the_launcher_runs()
    {
        var shell = RuntimeIdList().Match(PackageSources.ReadText("build/build.sh"));
        var powerShell = PowerShellRuntimeIdList().Match(PackageSources.ReadText("build/build.ps1"));
        var launcher = PackageSources.ReadText("task/launcher.js");
        shell.Success.Should().BeTrue("build.sh declares ALL_RIDS=(...)");
        powerShell.Success.Should().BeTrue("build.ps1 declares $AllRids = @(...)");

        var rids = shell.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var psRids = Regex.Matches(powerShell.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value);

        rids.Should().BeEquivalentTo(["win-x64", "linux-x64", "linux-arm64", "linux-musl-x64", "osx-x64", "osx-arm64"]);
        psRids.Should().Equal(rids);
        rids.Should().OnlyContain(rid => launcher.Contains(rid) || launcher.Contains(rid.Replace("-x64", "-${arch}").Replace("-arm64", "-${arch}")));
    }

    [Test]
    public void Inputs_refer_only_to_groups_and_inputs_that_exist()
    {
        var task = PackageSources.TaskJson();
        var inputs = task["inputs"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var names = inputs.Select(i => (string)i["name"]!).ToHashSet();
        var groups = task["groups"]!.AsArray().Select(g => (string)g!["name"]!).ToHashSet();

        inputs.Where(i => i["groupName"] is not null).Select(i => (string)i["groupName"]!).Should().OnlyContain(g => groups.Contains(g));
        groups.Should().OnlyContain(g => inputs.Any(i => (string?)i["groupName"] == g), "an empty group shows as an empty section");
        foreach (var rule in inputs.Select(i => (string?)i["visibleRule"]).OfType<string>())
        {
            foreach (Match condition in VisibleRuleCondition().Matches(rule))
            {
                names.Should().Contain(condition.Groups[1].Value, $"the visible rule '{rule}' refers to an input");
            }
        }

        var binding = task["dataSourceBindings"]!.AsArray().Should().ContainSingle().Subject!;
        names.Should().Contain((string)binding["target"]!);
        ((string?)binding["endpointId"]).Should().Be("$(ConnectedServiceName)");
        inputs.Should().OnlyContain(i => !string.IsNullOrWhiteSpace((string?)i["helpMarkDown"]), "the classic editor shows each input's help");
    }

    [Test]
    public void The_overview_page_explains_every_input()
    {
        var manifest = PackageSources.Manifest();
        var overview = PackageSources.ReadText((string)manifest["content"]!["details"]!["path"]!);
        var inputs = PackageSources.TaskJson()["inputs"]!.AsArray().Select(i => (string)i!["name"]!);

        overview.Should().ContainAll(inputs.Select(name => $"`{name}`"));
        overview.Should().ContainAll("KeyVaultSecrets@1", "AzureKeyVault@2", "Key Vault Secrets User");
        foreach (Match image in MarkdownImage().Matches(overview))
        {
            File.Exists(Path.Combine(Path.GetDirectoryName(PackageSources.PathOf((string)manifest["content"]!["details"]!["path"]!))!, image.Groups[1].Value))
                .Should().BeTrue($"the overview shows {image.Groups[1].Value}");
        }
    }

    [GeneratedRegex(@"(?m)^ALL_RIDS=\(([^)]*)\)")]
    private static partial Regex RuntimeIdList();

    [GeneratedRegex(@"(?m)^\$AllRids = @\(([^)]*)\)")]
    private static partial Regex PowerShellRuntimeIdList();

    [GeneratedRegex(@"([A-Za-z][A-Za-z0-9]*)\s*(?:==|!=|=|<|>|NotContains|Contains|NotEndsWith|EndsWith)")]
    private static partial Regex VisibleRuleCondition();

    [GeneratedRegex(@"!\[[^\]]*\]\((?!https?:)([^)\s]+)\)")]
    private static partial Regex MarkdownImage();
}
