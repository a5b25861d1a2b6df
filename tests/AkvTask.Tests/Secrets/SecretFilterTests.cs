using AkvTask.Secrets;

namespace AkvTask.Tests.Secrets;

public class SecretFilterTests
{
    [TestCase("*")]
    [TestCase(" * ")]
    [TestCase("a, *")]
    public void A_star_selects_every_secret(string filter)
    {
        var parsed = SecretFilter.Parse(filter);

        parsed.All.Should().BeTrue();
        parsed.Names.Should().BeEmpty();
    }

    [Test]
    public void Names_are_split_on_commas_and_new_lines_trimmed_and_merged_case_insensitively()
    {
        var parsed = SecretFilter.Parse(" db-password ,\r\napi-key\n\n,DB-Password, token ,");

        parsed.All.Should().BeFalse();
        parsed.Names.Should().Equal("db-password", "api-key", "token");
    }

    [TestCase("")]
    [TestCase(" , \n ")]
    public void An_empty_filter_is_an_error(string filter)
    {
        FluentActions.Invoking(() => SecretFilter.Parse(filter))
            .Should().Throw<SecretFilterException>().WithMessage("*empty*");
    }

    [TestCase("bad_name")]
    [TestCase("has space")]
    [TestCase("dotted.name")]
    public void A_name_Key_Vault_cannot_hold_is_an_error_naming_the_entry(string entry)
    {
        FluentActions.Invoking(() => SecretFilter.Parse("good," + entry))
            .Should().Throw<SecretFilterException>().WithMessage($"*'{entry}'*letters, digits and hyphens*");
    }

    [Test]
    public void A_name_longer_than_127_characters_is_an_error()
    {
        FluentActions.Invoking(() => SecretFilter.Parse(new string('a', 128))).Should().Throw<SecretFilterException>();
        SecretFilter.Parse(new string('a', 127)).Names.Should().ContainSingle();
    }
}
