using AkvTask.Secrets;

namespace AkvTask.Tests.Secrets;

public class ClosestNamesTests
{
    [Test]
    public void Nearest_names_first_and_far_ones_left_out()
    {
        ClosestNames.To("db-pasword", ["db-password", "DB-PASSWORDS", "api-key", "db-pass"])
            .Should().Equal(new[] { "db-password", "DB-PASSWORDS" }, "four edits away is too far for db-pass");
        ClosestNames.To("token", ["api-key", "connection-string"]).Should().BeEmpty();
    }
}
