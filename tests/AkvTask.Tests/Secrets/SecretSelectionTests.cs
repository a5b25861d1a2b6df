using AkvTask.Secrets;

namespace AkvTask.Tests.Secrets;

public class SecretSelectionTests
{
    private const string Version = "0123456789abcdef0123456789abcdef";

    [Test]
    public void A_secret_named_in_both_lists_is_one_request_serving_both()
    {
        var selection = SecretSelection.Of(SecretFilter.Parse("db, Token=api"), SecretFilter.Parse("DB, key-file=key", FilterList.SecretFiles));

        selection.Requests.Should().HaveCount(3);
        var db = selection.Requests.Single(r => r.Name == "db");
        (db.UnderOwnName, db.FileUnderOwnName).Should().Be((true, true));
        var key = selection.Requests.Single(r => r.Name == "key");
        (key.UnderOwnName, key.Aliases.Count, key.FileUnderOwnName).Should().Be((false, 0, false), "listed in SecretFiles only: no variable");
        key.FileAliases.Should().Equal("key-file");
        selection.Requests.Single(r => r.Name == "api").FileAliases.Should().BeEmpty();
        selection.NeedsListing.Should().BeFalse();
    }

    [Test]
    public void Another_version_is_another_request()
    {
        var selection = SecretSelection.Of(SecretFilter.Parse("cert"), SecretFilter.Parse($"cert/{Version}", FilterList.SecretFiles));

        selection.Requests.Select(r => (r.Version, r.UnderOwnName, r.FileUnderOwnName)).Should().BeEquivalentTo([(null, true, false), ((string?)Version, false, true)]);
    }

    [Test]
    public void Each_list_keeps_its_own_patterns_and_exclusions()
    {
        var selection = SecretSelection.Of(SecretFilter.Parse("app-*, !app-old"), SecretFilter.Parse("app-*, !app-new", FilterList.SecretFiles));

        selection.NeedsListing.Should().BeTrue();
        selection.ForListed("app-new").Should().Be(new ListedUse(AsVariable: true, AsFile: false));
        selection.ForListed("app-old").Should().Be(new ListedUse(AsVariable: false, AsFile: true));
        selection.ForListed("app-both").Should().Be(new ListedUse(AsVariable: true, AsFile: true));
        selection.ForListed("other").Should().BeNull();
    }

    [Test]
    public void No_variables_and_named_files_need_no_listing()
    {
        var selection = SecretSelection.Of(SecretFilter.Parse("!*"), SecretFilter.Parse("a, b", FilterList.SecretFiles));

        selection.NeedsListing.Should().BeFalse("!* leaves nothing to list for, so Get alone is enough");
        selection.Requests.Select(r => r.Name).Should().Equal("a", "b");
    }
}
