using AkvTask.Secrets;

namespace AkvTask.Tests.Secrets;

public class SecretFilterTests
{
    private const string Version = "0123456789abcdef0123456789ABCDEF";

    private static void Rejects(string filter, string messagePattern) =>
        FluentActions.Invoking(() => SecretFilter.Parse(filter)).Should().Throw<SecretFilterException>().WithMessage(messagePattern);

    [TestCase("*")]
    [TestCase(" * ")]
    [TestCase("a, *")]
    public void A_star_selects_every_secret_by_listing(string filter)
    {
        var parsed = SecretFilter.Parse(filter);

        parsed.NeedsListing.Should().BeTrue();
        parsed.SelectsListed("anything").Should().BeTrue();
    }

    [Test]
    public void Names_are_split_on_commas_and_new_lines_trimmed_and_merged_case_insensitively()
    {
        var parsed = SecretFilter.Parse(" db-password ,\r\napi-key\n\n,DB-Password, token ,");

        parsed.NeedsListing.Should().BeFalse("names alone are read directly, so List permission is not needed");
        parsed.Requests.Should().BeEquivalentTo(
            new[]
            {
                new SecretRequest("db-password", null, true, []),
                new SecretRequest("api-key", null, true, []),
                new SecretRequest("token", null, true, []),
            }, o => o.WithStrictOrdering());
    }

    [TestCase("prod-*", "prod-db", true)]
    [TestCase("prod-*", "PROD-DB", true)]
    [TestCase("prod-*", "staging-db", false)]
    [TestCase("*-password", "db-password", true)]
    [TestCase("a?c", "abc", true)]
    [TestCase("a?c", "ac", false)]
    [TestCase("a?c", "abbc", false)]
    [TestCase("*b*", "abc", true)]
    [TestCase("a*b*c", "axxbyyc", true)]
    [TestCase("a*b*c", "axxbyy", false)]
    public void Patterns_select_from_the_listing(string pattern, string name, bool selected)
    {
        SecretFilter.Parse(pattern).SelectsListed(name).Should().Be(selected);
    }

    [Test]
    public void Exclusions_remove_from_everything_else_selected_exact_names_included()
    {
        var parsed = SecretFilter.Parse("prod-*, keep, drop-me, !*-old, !DROP-ME");

        parsed.SelectsListed("prod-db").Should().BeTrue();
        parsed.SelectsListed("prod-db-old").Should().BeFalse();
        parsed.Requests.Select(r => r.Name).Should().Equal("keep");
    }

    [Test]
    public void Exclusions_alone_mean_everything_but_them()
    {
        var parsed = SecretFilter.Parse("!internal-*");

        parsed.NeedsListing.Should().BeTrue();
        parsed.SelectsListed("db").Should().BeTrue();
        parsed.SelectsListed("internal-key").Should().BeFalse();
    }

    [Test]
    public void A_secret_named_exactly_is_read_by_its_entry_not_again_by_a_pattern()
    {
        var parsed = SecretFilter.Parse("db-*, Pass=db-password");

        parsed.SelectsListed("db-password").Should().BeFalse();
        parsed.SelectsListed("db-user").Should().BeTrue();
    }

    [Test]
    public void A_version_entry_reads_that_version_under_the_secret_name()
    {
        var parsed = SecretFilter.Parse($"cert/{Version}");

        parsed.Requests.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new SecretRequest("cert", Version.ToLowerInvariant(), true, []));
    }

    [Test]
    public void Alias_entries_set_the_secret_under_the_alias()
    {
        var parsed = SecretFilter.Parse($"DbPassword = prod-db-password, Old.Cert=cert/{Version}, _x=prod-db-password");

        parsed.Requests.Should().BeEquivalentTo(
            new[]
            {
                new SecretRequest("prod-db-password", null, false, ["DbPassword", "_x"]),
                new SecretRequest("cert", Version.ToLowerInvariant(), false, ["Old.Cert"]),
            }, o => o.WithStrictOrdering());
    }

    [Test]
    public void A_name_and_its_alias_can_both_be_asked_for()
    {
        SecretFilter.Parse("db, Alias=db").Requests.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new SecretRequest("db", null, true, ["Alias"]));
    }

    [TestCase("")]
    [TestCase(" , \n ")]
    public void An_empty_filter_is_an_error(string filter) => Rejects(filter, "*empty*");

    [TestCase("bad_name", "*'bad_name'*not a secret name*")]
    [TestCase("has space", "*'has space'*not a secret name*")]
    [TestCase("dotted.name", "*'dotted.name'*not a secret name*")]
    [TestCase("bad_*", "*'bad_*'*not a pattern*")]
    [TestCase("!", "*'!'*not an exclusion*")]
    [TestCase("!a/0123456789abcdef0123456789abcdef", "*not an exclusion*")]
    [TestCase("!X=a", "*not an exclusion*")]
    public void A_name_or_pattern_Key_Vault_cannot_hold_is_an_error_naming_the_entry(string entry, string message) =>
        Rejects("good," + entry, message);

    [Test]
    public void A_name_longer_than_127_characters_is_an_error()
    {
        Rejects(new string('a', 128), "*not a secret name*");
        SecretFilter.Parse(new string('a', 127)).Requests.Should().ContainSingle();
    }

    [TestCase("db/123", "*'123' is not a version id*")]
    [TestCase("db/0123456789abcdef0123456789abcdeg", "*not a version id*")]
    [TestCase("db/", "*not a version id*")]
    public void A_malformed_version_is_an_error(string entry, string message) => Rejects(entry, message);

    [TestCase("1abc=db", "*'1abc' is not a valid variable name*")]
    [TestCase("a b=db", "*'a b' is not a valid variable name*")]
    [TestCase("=db", "*'' is not a valid variable name*")]
    [TestCase("a$=db", "*not a valid variable name*")]
    public void An_alias_that_is_not_a_variable_name_is_an_error(string entry, string message) => Rejects(entry, message);

    [TestCase("X=prod-*", "*combines a pattern with an alias*")]
    [TestCase("prod-*/0123456789abcdef0123456789abcdef", "*combines a pattern with a version*")]
    public void A_pattern_cannot_have_an_alias_or_a_version(string entry, string message) => Rejects(entry, message);

    [TestCase("X=a, x=b", "*'X=a' and 'x=b'*same*|*would both set the variable*")]
    [TestCase("token, Token=other", "*'token' and 'Token=other' would both set the variable 'Token'*")]
    [TestCase("a, a/0123456789abcdef0123456789abcdef", "*would both set the variable 'a'*")]
    public void Two_entries_setting_one_variable_are_an_error(string filter, string message)
    {
        FluentActions.Invoking(() => SecretFilter.Parse(filter)).Should().Throw<SecretFilterException>()
            .Which.Message.Should().Contain("would both set the variable");
    }

    [TestCase("../x=key", "The SecretFiles entry '../x=key': '../x' cannot be a file name: *path separator*")]
    [TestCase("nul", "The SecretFiles entry 'nul': 'nul' cannot be a file name: *reserved on Windows*")]
    [TestCase("a.=key", "*ends with a dot*")]
    [TestCase("Same=a, same=b", "The SecretFiles entries 'Same=a' and 'same=b' would both write the file 'Same'*")]
    [TestCase("bad name", "The SecretFiles entry 'bad name'*")]
    public void SecretFiles_entries_name_safe_files(string filter, string messagePattern) =>
        FluentActions.Invoking(() => SecretFilter.Parse(filter, FilterList.SecretFiles)).Should().Throw<SecretFilterException>().WithMessage(messagePattern);

    [Test]
    public void An_empty_SecretFiles_list_selects_nothing()
    {
        var parsed = SecretFilter.Parse(" ,\n", FilterList.SecretFiles);

        parsed.Requests.Should().BeEmpty();
        parsed.NeedsListing.Should().BeFalse();
    }
}
