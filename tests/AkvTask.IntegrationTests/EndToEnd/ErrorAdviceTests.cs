using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>Every failure names the secret, the cause and the fix, from the vault's real error bodies.</summary>
public class ErrorAdviceTests : EndToEndTest
{
    [Test]
    public async Task Rbac_denial_names_the_role_and_the_principal()
    {
        Vault.SetSecret("db", "x");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.Get);

        var run = await Run(Agent("db"));

        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'db'").And.Contain("Key Vault Secrets User").And.Contain($"appid={ClientId}");
    }

    [Test]
    public async Task Access_policy_denial_on_listing_asks_for_get_and_list()
    {
        Vault.SetSecret("db", "x");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.AccessPolicy, VaultOperation.List);

        var run = await Run(Agent("*"));

        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("Listing").And.Contain("'Get' and 'List'");
    }

    [Test]
    public async Task Firewall_denial_gives_the_client_address_and_the_options()
    {
        Vault.SetSecret("db", "x");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Firewall);

        var run = await Run(Agent("db"));

        run.Log.Errors.Should().ContainSingle().Which.Should().Contain(Vault.Options.ClientAddress).And.Contain("self-hosted agent").And.Contain("trusted");
    }

    [Test]
    public async Task Private_link_denial_says_to_run_inside_the_network()
    {
        Vault.SetSecret("db", "x");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.PrivateLink);

        var run = await Run(Agent("db"));

        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("private endpoint");
    }

    [Test]
    public async Task Every_failure_is_listed_once_after_the_readable_secrets_are_set()
    {
        Vault.SetSecret("ok", "fine");
        Vault.SetSecret("off", "o", enabled: false);
        Vault.SetSecret("denied", "d");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.Get, "denied");

        var run = await Run(Agent("ok, off, denied, missing"));

        run.Log.Result.Should().Be("Failed");
        run.Log.Variables.Keys.Should().Equal("ok");
        run.Log.Errors.Should().HaveCount(3);
        run.Log.ResultMessage.Should().Contain("3 secret(s) could not be read");
        var completeIndex = run.Log.Commands.ToList().FindIndex(c => c.Event == "complete");
        var setIndex = run.Log.Commands.ToList().FindIndex(c => c.Event == "setvariable");
        setIndex.Should().BeLessThan(completeIndex);
    }

    [Test]
    public async Task A_malformed_answer_is_reported_not_crashed_on()
    {
        Vault.SetSecret("broken", "b");
        using var _ = Vault.Faults.MalformBodies(VaultOperation.Get, "broken");

        var run = await Run(Agent("broken"));

        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'broken'").And.Contain("could not be read");
    }
}
