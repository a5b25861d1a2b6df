using System.Net;
using AkvTask.Agent;
using AkvTask.Authentication;
using Azure.Core.Pipeline;

namespace AkvTask.Tests.Authentication;

public class AzureDevOpsOidcTokenSourceTests
{
    private const string ConnectionId = "7c0f3a52-9d1e-4b8a-a6f2-3e5d9c1b7a40";
    private const string OidcRequestUri = "https://dev.azure.com/contoso/p1/_apis/distributedtask/hubs/build/plans/plan1/jobs/job1/oidctoken";

    private static JobIdentity Job(string? oidcRequestUri = OidcRequestUri, string? collection = "https://dev.azure.com/contoso/", string? hostType = "build", string? token = "job-token") =>
        new(oidcRequestUri, collection, "project-id", hostType, "plan-id", "job-id", token);

    [Test]
    public void SYSTEM_OIDCREQUESTURI_comes_first()
    {
        AzureDevOpsOidcTokenSource.RequestUriFor(Job(), ConnectionId).AbsoluteUri
            .Should().Be($"{OidcRequestUri}?api-version=7.1&serviceConnectionId={ConnectionId}");
    }

    [Test]
    public void An_OIDC_request_URI_with_a_query_gets_the_parameters_appended()
    {
        AzureDevOpsOidcTokenSource.RequestUriFor(Job(OidcRequestUri + "?x=1"), ConnectionId).Query
            .Should().Be($"?x=1&api-version=7.1&serviceConnectionId={ConnectionId}");
    }

    [TestCase("https://dev.azure.com/contoso/", "release")]
    [TestCase("https://dev.azure.com/contoso", "build")]
    [TestCase("https://tfs.contoso.local/tfs/DefaultCollection/", "release")]
    public void Without_it_the_plan_and_job_endpoint_is_made_from_the_job_variables(string collection, string hostType)
    {
        AzureDevOpsOidcTokenSource.RequestUriFor(Job(oidcRequestUri: null, collection, hostType), ConnectionId).AbsoluteUri
            .Should().Be($"{collection.TrimEnd('/')}/project-id/_apis/distributedtask/hubs/{hostType}/plans/plan-id/jobs/job-id/oidctoken" +
                $"?serviceConnectionId={ConnectionId}&api-version=7.1-preview.1");
    }

    [Test]
    public void Without_either_there_is_no_endpoint()
    {
        FluentActions.Invoking(() => AzureDevOpsOidcTokenSource.RequestUriFor(Job(oidcRequestUri: null, hostType: null), ConnectionId))
            .Should().Throw<OidcTokenRequestException>().Which.Problem.Should().Be(OidcTokenProblem.JobVariablesMissing);
    }

    [Test]
    public async Task Every_call_posts_with_the_job_token_and_returns_a_fresh_token()
    {
        var tokens = new[] { FederatedTokenClaimsTests.Jwt("""{"iss":"issuer-1","sub":"subject-1"}"""), FederatedTokenClaimsTests.Jwt("""{"iss":"issuer-2","sub":"subject-2"}""") };
        var handler = new ScriptedHttpHandler((_, index) => (HttpStatusCode.OK, $$"""{"oidcToken":"{{tokens[index]}}"}"""));
        var source = Source(handler);

        (await source.GetTokenAsync(CancellationToken.None)).Should().Be(tokens[0]);
        source.LastTokenClaims.Should().Be(new FederatedTokenClaims("issuer-1", "subject-1", null));
        (await source.GetTokenAsync(CancellationToken.None)).Should().Be(tokens[1]);
        source.LastTokenClaims!.Subject.Should().Be("subject-2");

        handler.Sent.Should().HaveCount(2).And.OnlyContain(r =>
            r.Method == "POST" && r.Authorization == "Bearer job-token" && r.Uri.AbsoluteUri.StartsWith(OidcRequestUri + "?api-version=7.1", StringComparison.Ordinal));
    }

    [TestCase(HttpStatusCode.Unauthorized, """{"message":"TF400813: The user '' is not authorized to access this resource.","typeKey":"UnauthorizedRequestException"}""", "TF400813: The user '' is not authorized to access this resource.")]
    [TestCase(HttpStatusCode.BadRequest, """{"message":"Service connection not found.\r\nMore text."}""", "Service connection not found.")]
    [TestCase(HttpStatusCode.NotFound, "<html>not json</html>", "Not Found")]
    public async Task A_refusal_keeps_the_status_and_Azure_DevOps_own_words(HttpStatusCode status, string body, string expected)
    {
        var source = Source(new ScriptedHttpHandler((_, _) => (status, body)));

        var failure = (await FluentActions.Awaiting(() => source.GetTokenAsync(CancellationToken.None)).Should().ThrowAsync<OidcTokenRequestException>()).Which;

        failure.Should().Match<OidcTokenRequestException>(f =>
            f.Problem == OidcTokenProblem.Refused && f.Status == (int)status && f.ServerMessage == expected && f.Host == "dev.azure.com");
        failure.Message.Should().NotContain("job-token");
    }

    [TestCase("""{"oidcToken":null}""")]
    [TestCase("""{"something":"else"}""")]
    [TestCase("""{"oidcToken":""")]
    public async Task An_answer_without_a_token_is_malformed(string body)
    {
        var source = Source(new ScriptedHttpHandler((_, _) => (HttpStatusCode.OK, body)));

        (await FluentActions.Awaiting(() => source.GetTokenAsync(CancellationToken.None)).Should().ThrowAsync<OidcTokenRequestException>())
            .Which.Problem.Should().Be(OidcTokenProblem.MalformedReply);
    }

    [Test]
    public void The_job_identity_never_prints_its_access_token()
    {
        Job(token: "the-job-token-value").ToString().Should().NotContain("the-job-token-value").And.Contain("access token present");
    }

    private static AzureDevOpsOidcTokenSource Source(ScriptedHttpHandler handler) =>
        new(AzureDevOpsOidcTokenSource.RequestUriFor(Job(), ConnectionId), "job-token", new HttpClientTransport(new HttpClient(handler)));
}
