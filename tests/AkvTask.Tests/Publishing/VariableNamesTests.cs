using AkvTask.Publishing;

namespace AkvTask.Tests.Publishing;

public class VariableNamesTests
{
    [Test]
    public void A_hyphenated_name_gets_an_underscore_alias()
    {
        VariableNames.For("prod-db-password", hyphenAliases: true).Should().Equal("prod-db-password", "prod_db_password");
    }

    [Test]
    public void No_alias_without_hyphens_or_when_turned_off()
    {
        VariableNames.For("password", hyphenAliases: true).Should().Equal("password");
        VariableNames.For("prod-db", hyphenAliases: false).Should().Equal("prod-db");
    }
}
