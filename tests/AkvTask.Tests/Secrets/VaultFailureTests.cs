using System.Net.Sockets;
using AkvTask.Secrets;
using AkvTask.Tests.Fakes;
using Azure;

namespace AkvTask.Tests.Secrets;

public class VaultFailureTests
{
    private static string Body(string code, string? inner, string message = "m")
    {
        var innerError = inner is null ? "" : ",\"innererror\":{\"code\":\"" + inner + "\"}";
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"" + innerError + "}}";
    }

    [TestCase(403, "Forbidden", "SecretDisabled", VaultFailureKind.Disabled)]
    [TestCase(403, "Forbidden", "ForbiddenByRbac", VaultFailureKind.DeniedByRbac)]
    [TestCase(403, "Forbidden", "ForbiddenByPolicy", VaultFailureKind.DeniedByAccessPolicy)]
    [TestCase(403, "Forbidden", "AccessDenied", VaultFailureKind.DeniedByAccessPolicy)]
    [TestCase(403, "Forbidden", "ForbiddenByFirewall", VaultFailureKind.DeniedByFirewall)]
    [TestCase(403, "Forbidden", "ForbiddenByConnection", VaultFailureKind.DeniedByPrivateLink)]
    [TestCase(403, "Forbidden", null, VaultFailureKind.Forbidden)]
    [TestCase(404, "SecretNotFound", null, VaultFailureKind.NotFound)]
    [TestCase(401, "Unauthorized", null, VaultFailureKind.Unauthorized)]
    [TestCase(429, "Throttled", null, VaultFailureKind.Throttled)]
    [TestCase(503, "ServiceUnavailable", null, VaultFailureKind.ServerError)]
    [TestCase(400, "BadParameter", null, VaultFailureKind.Other)]
    public void Classifies_the_vault_answer(int status, string code, string? inner, object expectedKind)
    {
        var kind = (VaultFailureKind)expectedKind;
        var failure = VaultFailure.From(FakeResponse.Failure(status, Body(code, inner, "server says")));

        failure.Should().BeEquivalentTo(new { Kind = kind, Status = status, ErrorCode = code, InnerErrorCode = inner, ServerMessage = "server says" });
    }

    [Test]
    public void Keeps_the_retry_after_of_a_throttled_answer()
    {
        var failure = VaultFailure.From(FakeResponse.Failure(429, Body("Throttled", null), ("Retry-After", "7")));

        failure.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Test]
    public void A_body_that_is_not_json_still_gives_the_status()
    {
        var failure = VaultFailure.From(FakeResponse.Failure(502, "<html>bad gateway</html>"));

        failure.Should().BeEquivalentTo(new { Kind = VaultFailureKind.ServerError, Status = 502, ErrorCode = (string?)null });
    }

    [Test]
    public void No_answer_after_every_try_is_a_timeout_or_an_unreachable_host()
    {
        var timedOut = VaultFailure.From(new AggregateException(new TaskCanceledException("t1"), new TaskCanceledException("t2")));
        var unreachable = VaultFailure.From(new RequestFailedException("x", new HttpRequestException("Name or service not known", new SocketException(11001))));

        timedOut.Should().BeEquivalentTo(new { Kind = VaultFailureKind.TimedOut, Attempts = 2 });
        unreachable.Kind.Should().Be(VaultFailureKind.Unreachable);
    }
}
