using AkvTask.Diagnostics;
using AkvTask.Secrets;
using Azure.Identity;

namespace AkvTask.Tests.Diagnostics;

public class FailureMessagesTests
{
    private static VaultFailure Failure(VaultFailureKind kind, string? message = null, int status = 403) =>
        new(kind, status, "Forbidden", null, message);

    [Test]
    public void Rbac_advice_names_the_role_and_the_caller()
    {
        var message = FailureMessages.ForSecret(new SecretFailure("db",
            Failure(VaultFailureKind.DeniedByRbac, "Caller is not authorized.\r\nCaller: appid=1111-22;oid=3333-44;iss=https://sts\r\n")), "kv");

        message.Should().Contain("Secret 'db'").And.Contain("Key Vault Secrets User").And.Contain("appid=1111-22;oid=3333-44").And.Contain("'kv'");
    }

    [Test]
    public void Access_policy_advice_names_the_permissions()
    {
        FailureMessages.Describe(Failure(VaultFailureKind.DeniedByAccessPolicy), "kv").Should().Contain("'Get'").And.Contain("Access policies");
        FailureMessages.ForListing(Failure(VaultFailureKind.DeniedByAccessPolicy), "kv").Should().Contain("'Get' and 'List'");
    }

    [Test]
    public void Firewall_advice_gives_the_client_address()
    {
        FailureMessages.Describe(Failure(VaultFailureKind.DeniedByFirewall, "Client address is not authorized.\r\nClient address: 203.0.113.7\r\nCaller: x"), "kv")
            .Should().Contain("203.0.113.7").And.Contain("self-hosted agent");
    }

    [Test]
    public void Disabled_and_not_found_say_what_to_do()
    {
        FailureMessages.Describe(Failure(VaultFailureKind.Disabled), "kv").Should().Contain("disabled").And.Contain("Enable it");
        FailureMessages.Describe(Failure(VaultFailureKind.NotFound, status: 404), "kv").Should().Contain("no secret of that name");
    }

    [Test]
    public void Throttling_gives_the_last_retry_after()
    {
        FailureMessages.Describe(new VaultFailure(VaultFailureKind.Throttled, 429, "Throttled", null, null, TimeSpan.FromSeconds(12)), "kv")
            .Should().Contain("429").And.Contain("12 s");
    }

    [Test]
    public void A_sign_in_failure_names_the_connection()
    {
        FailureMessages.ForRun(new AuthenticationFailedException("ClientSecretCredential authentication failed: \nAADSTS7000215: Invalid client secret.\r\nTrace ID: x"), "conn-id")
            .Should().Be("Could not sign in with the service connection 'conn-id': AADSTS7000215: Invalid client secret.");
    }
}
