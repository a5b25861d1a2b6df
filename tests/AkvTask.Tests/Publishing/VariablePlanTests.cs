using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Tests.Publishing;

public class VariablePlanTests
{
    private static FetchedSecret Secret(string name, params string[] variables) =>
        new(name, "v", null, null, null, null, variables.Length == 0 ? [name] : variables, Requested: false);

    [Test]
    public void A_hyphenated_name_gets_an_underscore_alias_when_asked()
    {
        var plan = VariablePlan.Create([Secret("prod-db-password"), Secret("token")], hyphenAliases: true);

        plan.Conflicts.Should().BeEmpty();
        plan.Secrets.Select(p => p.VariableNames).Should().BeEquivalentTo(
            new[] { new[] { "prod-db-password", "prod_db_password" }, new[] { "token" } }, o => o.WithStrictOrdering());
        VariablePlan.Create([Secret("prod-db")], hyphenAliases: false).Secrets[0].VariableNames.Should().Equal("prod-db");
    }

    [Test]
    public void A_name_slash_version_variable_gets_no_hyphen_alias_of_its_own()
    {
        var plan = VariablePlan.Create([new("my-cert", "v", "0123", null, null, null, ["my-cert", "my-cert/0123"], true)], hyphenAliases: true);

        plan.Secrets.Single().VariableNames.Should().Equal("my-cert", "my-cert/0123", "my_cert");
    }

    [Test]
    public void Aliases_get_hyphen_aliases_too()
    {
        VariablePlan.Create([Secret("s", "My-Alias")], hyphenAliases: true).Secrets[0].VariableNames.Should().Equal("My-Alias", "My_Alias");
    }

    [Test]
    public void An_alias_equal_to_another_secrets_name_is_a_conflict_naming_both()
    {
        var plan = VariablePlan.Create([Secret("db", "Token"), Secret("token")], hyphenAliases: true);

        plan.Conflicts.Should().ContainSingle().Which.Should().Be(new VariableConflict("token", "alias 'Token' of secret 'db'", "secret 'token'"));
    }

    [Test]
    public void A_hyphen_alias_gives_way_to_a_name_set_on_purpose()
    {
        var plan = VariablePlan.Create([Secret("other", "a_b"), Secret("a-b")], hyphenAliases: true);

        plan.Conflicts.Should().BeEmpty();
        plan.Secrets.Single(p => p.Secret.Name == "a-b").VariableNames.Should().Equal("a-b");
        plan.Secrets.Single(p => p.Secret.Name == "other").VariableNames.Should().Equal("a_b");
    }
}
