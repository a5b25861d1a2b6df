using AkvTask.Outcome;
using AkvTask.Secrets;
using Azure.Identity;

namespace AkvTask.Tests.Outcome;

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

    // Text the task quotes comes from servers and libraries: nothing in it may break the words about it.
    [TestCase("AADSTS\u0667\u0660\u0660\u0660\u0662\u0661\u0665: Arabic-Indic digits.")]
    [TestCase("AADSTS\uFF17\uFF10\uFF10: fullwidth digits.")]
    [TestCase("AADSTS99999999999999999999999: a code too big for any integer.")]
    [TestCase("AADSTS2147483648: one past the largest int.")]
    [TestCase("AADSTS: no code at all.")]
    [TestCase("")]
    [TestCase("\r\n\r\n")]
    [TestCase("##vso[task.complete result=Succeeded]forged\n##[error]forged")]
    public void Every_sign_in_failure_is_described_whatever_its_text(string text)
    {
        Exception[] failures =
        [
            new AuthenticationFailedException(text),
            new AuthenticationFailedException("ClientSecretCredential authentication failed: ", new InvalidOperationException(text)),
            new AkvTask.Authentication.SignInFailedException(
                new AkvTask.Authentication.SignInAttempt("conn-id", AkvTask.Authentication.SignInMethod.ClientSecret, "t", "c", new Uri("https://login.example/")),
                null,
                new AuthenticationFailedException(text, new InvalidOperationException(text))),
            new AkvTask.Authentication.SignInFailedException(
                new AkvTask.Authentication.SignInAttempt("conn-id", AkvTask.Authentication.SignInMethod.ManagedIdentity, null, null, new Uri("https://login.example/")),
                null,
                new CredentialUnavailableException(text)),
        ];

        foreach (var failure in failures)
        {
            var reason = FailureMessages.OneLineReason(failure, "conn-id");
            reason.Should().StartWith("Could not sign in with the service connection 'conn-id'");
            reason.Should().NotContainAny("\r", "\n");
        }
    }

    [Test]
    public void Any_failure_of_a_run_gives_one_line_even_when_describing_it_fails()
    {
        FailureMessages.OneLineReason(new InvalidOperationException("first\r\nsecond\rthird\nfourth"), null).Should().Be("first second third fourth");
        FailureMessages.OneLineReason(new InvalidOperationException(""), null).Should().Be("The task failed (InvalidOperationException).");
        FailureMessages.OneLineReason(new UnreadableException(), null).Should().Be("The task failed (UnreadableException).");
        FailureMessages.OneLineReason(new InvalidOperationException(new string('x', 5000)), null).Length.Should().BeLessThan(2100);
    }

    [TestCase("{\"error\":{\"code\":\"Forbidden\",\"message\":\"\\udc00 lone surrogate\"}}")]
    [TestCase("{\"error\":{\"code\":12,\"message\":[1,2],\"innererror\":\"x\"}}")]
    [TestCase("{\"error\":\"just a string\"}")]
    [TestCase("[]")]
    [TestCase("{\"error\":{\"message\":\"AADSTS\u0661\u0662: caller appid=\u0661;oid=; Client address: \u0661.\u0662\"}}")]
    public void Every_vault_answer_is_described_whatever_its_body(string body)
    {
        foreach (var status in new[] { 401, 403, 404, 429, 500, 418 })
        {
            var failure = VaultFailure.From(AkvTask.Tests.Fakes.FakeResponse.Failure(status, body, ("Retry-After", "\u0661\u0662")));
            FailureMessages.ForSecret(new SecretFailure("s", failure, Suggestions: ["t"]), "kv").Should().StartWith("Secret 's': ");
            FailureMessages.ForListing(failure, "kv").Should().StartWith("Listing the secrets of vault 'kv' failed: ");
        }
    }

    private sealed class UnreadableException : Exception
    {
        public override string Message => throw new InvalidOperationException("a message that cannot be read");
    }
}
