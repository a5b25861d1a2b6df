using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AkvTask.Tests.Package;

/// <summary>
/// The README, the reference in docs/ and the Marketplace page link to one another: every relative link names a file
/// that exists, and every anchor a heading of its file by GitHub's rules. The Marketplace cannot resolve relative
/// links, so its page links into the repository by absolute URLs, and those are checked against the files too. Links
/// in fenced code blocks are not links; other absolute links are not followed.
/// </summary>
[TestFixture]
public sealed partial class DocumentationLinksTests
{
    private const int ReadmeMaxLines = 300;
    private const string Readme = "README.md";
    private const string Overview = "marketplace/overview.md";

    private static readonly string Root = Path.GetFullPath(PackageSources.PathOf("."));

    [Test]
    public void The_documents_are_there_and_the_README_links_to_every_page_of_docs()
    {
        var docs = DocsPages();
        docs.Should().HaveCountGreaterThanOrEqualTo(5, "the reference is in docs/");

        var linked = LinksOf(Readme)
            .Where(l => !l.IsAbsolute && l.Path.Length > 0)
            .Select(l => Relative(Resolve(Readme, l.Path)))
            .ToHashSet(StringComparer.Ordinal);
        ShouldBeNone([.. docs.Where(page => !linked.Contains(page))], "the README is the way into every page of docs/, and it does not link to");
    }

    [Test]
    public void The_README_has_at_most_300_lines()
    {
        var lines = File.ReadAllLines(PackageSources.PathOf(Readme)).Length;

        lines.Should().BeLessThanOrEqualTo(ReadmeMaxLines, "the reference belongs in docs/, the README is the way in");
    }

    [Test]
    public void Every_relative_link_names_a_file_that_exists()
    {
        var broken = new List<string>();
        foreach (var document in Documents())
        {
            foreach (var link in LinksOf(document).Where(l => !l.IsAbsolute && l.Path.Length > 0))
            {
                var target = Resolve(document, link.Path);
                if (!target.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    broken.Add($"{link}: leads out of the repository");
                }
                else if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{link}: there is no {Relative(target)}");
                }
            }
        }

        ShouldBeNone(broken, "every relative link should name a file of the repository");
    }

    [Test]
    public void Every_anchor_names_a_heading_of_its_file()
    {
        var broken = new List<string>();
        foreach (var document in Documents())
        {
            foreach (var link in LinksOf(document).Where(l => !l.IsAbsolute && l.Anchor is not null))
            {
                var target = link.Path.Length == 0 ? PackageSources.PathOf(document) : Resolve(document, link.Path);
                if (AnchorProblem(target, link.Anchor!) is { } problem)
                {
                    broken.Add($"{link}: {problem}");
                }
            }
        }

        ShouldBeNone(broken, "every anchor should be a heading's anchor, as GitHub makes them");
    }

    [Test]
    public void The_Marketplace_page_links_by_absolute_URLs_and_those_into_the_repository_resolve()
    {
        var broken = new List<string>();
        foreach (var link in LinksOf(Overview).Where(l => !l.IsAbsolute && !l.IsImage))
        {
            broken.Add($"{link}: the Marketplace cannot resolve a relative link; use {RepositoryUrl()}/blob/main/…");
        }

        var blob = RepositoryUrl() + "/blob/main/";
        foreach (var document in Documents())
        {
            foreach (var link in LinksOf(document).Where(l => l.IsAbsolute && l.Path.StartsWith(blob, StringComparison.Ordinal)))
            {
                var target = Path.GetFullPath(Path.Combine(Root, Uri.UnescapeDataString(link.Path[blob.Length..])));
                if (!File.Exists(target) && !Directory.Exists(target))
                {
                    broken.Add($"{link}: there is no {Relative(target)} in the repository");
                }
                else if (link.Anchor is not null && AnchorProblem(target, link.Anchor) is { } problem)
                {
                    broken.Add($"{link}: {problem}");
                }
            }
        }

        ShouldBeNone(broken, "the Marketplace page's links should reach the repository's documents and headings");
    }

    [TestCase("Switching from `AzureKeyVault@2`", "switching-from-azurekeyvault2")]
    [TestCase("Partial ReadyToRun (win-x64, osx-x64, osx-arm64, linux-musl-x64)", "partial-readytorun-win-x64-osx-x64-osx-arm64-linux-musl-x64")]
    [TestCase("The system's trust store", "the-systems-trust-store")]
    [TestCase("snake_case and  two spaces", "snake_case-and--two-spaces")]
    [TestCase("[A link](docs/x.md) in a heading", "a-link-in-a-heading")]
    [TestCase("Ünïcode letters stay", "ünïcode-letters-stay")]
    public void A_heading_s_anchor_is_made_as_GitHub_makes_it(string heading, string anchor)
    {
        Anchors([$"## {heading}"]).Should().Equal(anchor);
    }

    [Test]
    public void Repeated_headings_get_numbered_anchors_and_headings_in_code_blocks_none()
    {
        Anchors(["# Size", "## Size", "```bash", "# not a heading", "```", "### Size ###", "#NotAHeading", "## Size-1"])
            .Should().Equal("size", "size-1", "size-2", "size-1-1");
    }

    [Test]
    public void Links_in_code_blocks_and_code_spans_are_not_links()
    {
        var lines = new[]
        {
            "See [the filter](docs/filter-language.md#rules) and ![an icon](../images/icon.png \"title\").",
            "`[not](a-link.md)` and [`code` text](#inputs)",
            "~~~markdown",
            "[not](a-link-either.md)",
            "~~~",
            "[absolute](https://example.com/x#y)",
        };

        ParseLinks("x.md", lines).Select(l => (l.Path, l.Anchor, l.IsImage, l.IsAbsolute)).Should().Equal(
            ("docs/filter-language.md", "rules", false, false),
            ("../images/icon.png", (string?)null, true, false),
            ("", "inputs", false, false),
            ("https://example.com/x", "y", false, true));
    }

    /// <summary>BeEmpty names only the first item it finds; this names every one.</summary>
    private static void ShouldBeNone(List<string> problems, string because) =>
        problems.Should().BeEmpty("{0} ({1} found):{2}{3}{2}", because, problems.Count, Environment.NewLine, string.Join(Environment.NewLine, problems));

    private static List<string> DocsPages() =>
        [.. Directory.GetFiles(PackageSources.PathOf("docs"), "*.md").Select(Relative).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Documents() => [Readme, .. DocsPages(), Overview];

    private static string RepositoryUrl() =>
        ((string)PackageSources.Manifest()["repository"]!["uri"]!).TrimEnd('/');

    private static string Resolve(string document, string path) =>
        Path.GetFullPath(path.StartsWith('/')
            ? Path.Combine(Root, Uri.UnescapeDataString(path.TrimStart('/')))
            : Path.Combine(Path.GetDirectoryName(PackageSources.PathOf(document))!, Uri.UnescapeDataString(path)));

    private static string Relative(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    /// <summary>Why the anchor is not one of the target's headings, or null when it is.</summary>
    private static string? AnchorProblem(string target, string anchor)
    {
        if (!target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(target))
        {
            return $"#{anchor} can only be checked in a Markdown file, and {Relative(target)} is none";
        }

        var anchors = Anchors(File.ReadAllLines(target));
        var wanted = Uri.UnescapeDataString(anchor);
        return anchors.Contains(wanted, StringComparer.Ordinal)
            ? null
            : $"{Relative(target)} has no heading #{wanted} (its anchors: {string.Join(", ", anchors)})";
    }

    private static IEnumerable<Link> LinksOf(string document) =>
        ParseLinks(document, File.ReadAllLines(PackageSources.PathOf(document)));

    /// <summary>Inline links and images, and reference definitions, outside fenced code blocks and code spans.</summary>
    private static List<Link> ParseLinks(string document, IReadOnlyList<string> lines)
    {
        var links = new List<Link>();
        var outside = OutsideCodeBlocks(lines);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!outside[i])
            {
                continue;
            }

            var text = CodeSpan().Replace(lines[i], "");
            var targets = InlineLink().Matches(text).Select(m => (m.Groups["target"].Value, m.Groups["image"].Success))
                .Concat(ReferenceDefinition().Matches(text).Select(m => (m.Groups["target"].Value, false)));
            foreach (var (target, image) in targets)
            {
                var bare = target.Trim('<', '>');
                var hash = bare.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? bare : bare[..hash];
                var anchor = hash < 0 ? null : bare[(hash + 1)..];
                links.Add(new Link(document, i + 1, target, path, anchor, image, UriScheme().IsMatch(bare)));
            }
        }

        return links;
    }

    /// <summary>The anchors GitHub gives the ATX headings (outside fenced code blocks), in order.</summary>
    private static List<string> Anchors(IReadOnlyList<string> lines)
    {
        var outside = OutsideCodeBlocks(lines);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var heading = AtxHeading().Match(lines[i]);
            if (!outside[i] || !heading.Success)
            {
                continue;
            }

            // As github-slugger does: a repeated anchor gets -1, -2, ... and the numbered one is taken too.
            var slug = Slug(heading.Groups["text"].Value);
            var result = slug;
            while (occurrences.ContainsKey(result))
            {
                occurrences[slug]++;
                result = $"{slug}-{occurrences[slug]}";
            }

            occurrences[result] = 0;
            anchors.Add(result);
        }

        return anchors;
    }

    /// <summary>Lower case; letters, digits, <c>-</c> and <c>_</c> kept, each space a <c>-</c>, everything else dropped.</summary>
    private static string Slug(string heading)
    {
        var text = InlineLink().Replace(heading, m => m.Groups["text"].Value);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c is '-' or '_'
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>For each line, whether it is outside a fenced code block (the fences themselves are inside).</summary>
    private static bool[] OutsideCodeBlocks(IReadOnlyList<string> lines)
    {
        var outside = new bool[lines.Count];
        string? fence = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var match = Fence().Match(lines[i]);
            if (fence is null && match.Success)
            {
                fence = match.Groups["fence"].Value;
            }
            else if (fence is not null && match.Success && match.Groups["fence"].Value[0] == fence[0]
                && match.Groups["fence"].Value.Length >= fence.Length && match.Groups["info"].Value.Trim().Length == 0)
            {
                fence = null;
            }
            else
            {
                outside[i] = fence is null;
            }
        }

        return outside;
    }

    [GeneratedRegex(@"^\s*(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"(`+).+?\1")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"(?<image>!)?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?<target><[^>]*>|(?:[^\s()]|\([^\s()]*\))+)(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex UriScheme();

    private sealed record Link(string Document, int Line, string Target, string Path, string? Anchor, bool IsImage, bool IsAbsolute)
    {
        public override string ToString() => $"{Document}:{Line}: ({Target})";
    }
}
