using System.Text.Json;
using AkvTask.Agent;
using AkvTask.Errors;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Authentication;

/// <summary>
/// Asks Azure DevOps for the service connection's OIDC token, with the job's access token, through the task's shared
/// transport (so the agent's proxy and certificate authorities apply). Every call asks anew: Entra ID wants a fresh
/// assertion whenever it is asked for a token, and an OIDC token lives only minutes.
/// </summary>
internal sealed class AzureDevOpsOidcTokenSource
{
    private readonly HttpPipeline _pipeline;
    private readonly string _accessToken;
    private FederatedTokenClaims? _lastClaims;

    public AzureDevOpsOidcTokenSource(Uri requestUri, string accessToken, HttpPipelineTransport transport)
    {
        RequestUri = requestUri;
        _accessToken = accessToken;
        var options = new AzureDevOpsClientOptions { Transport = transport };
        TokenCredentialTuning.Apply(options);
        _pipeline = HttpPipelineBuilder.Build(options);
    }

    public Uri RequestUri { get; }

    /// <summary>The issuer, subject and audience of the last token received (never the token itself), for diagnostics.</summary>
    public FederatedTokenClaims? LastTokenClaims => Volatile.Read(ref _lastClaims);

    /// <summary>
    /// The job's OIDC endpoint: SYSTEM_OIDCREQUESTURI when the agent gives it, else the plan and job's endpoint made from
    /// the collection, project, hub, plan and job (which classic release pipelines need, with hub <c>release</c>).
    /// </summary>
    public static Uri RequestUriFor(JobIdentity job, string connectionId)
    {
        var connection = Uri.EscapeDataString(connectionId);
        if (job.OidcRequestUri is { } oidcRequestUri && Uri.TryCreate(oidcRequestUri, UriKind.Absolute, out var direct))
        {
            var separator = direct.Query.Length > 0 ? "&" : "?";
            return new Uri($"{direct.AbsoluteUri}{separator}api-version=7.1&serviceConnectionId={connection}");
        }

        if (job is { CollectionUri: { } collection, TeamProjectId: { } project, HostType: { } hub, PlanId: { } plan, JobId: { } jobId }
            && Uri.TryCreate(collection.EndsWith('/') ? collection : collection + "/", UriKind.Absolute, out var collectionUri))
        {
            var path = $"{Uri.EscapeDataString(project)}/_apis/distributedtask/hubs/{Uri.EscapeDataString(hub)}/plans/{Uri.EscapeDataString(plan)}" +
                $"/jobs/{Uri.EscapeDataString(jobId)}/oidctoken?serviceConnectionId={connection}&api-version=7.1-preview.1";
            return new Uri(collectionUri, path);
        }

        throw new OidcTokenRequestException(OidcTokenProblem.JobVariablesMissing);
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(RequestUri);
        request.Headers.Add(HttpHeader.Names.Authorization, "Bearer " + _accessToken);
        request.Headers.Add(HttpHeader.Names.Accept, "application/json");
        request.Headers.Add(HttpHeader.Names.ContentType, "application/json");
        request.Content = RequestContent.Create("{}"u8.ToArray());

        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is RequestFailedException or OperationCanceledException or AggregateException)
        {
            throw new OidcTokenRequestException(OidcTokenProblem.Unreachable, RequestUri.Host, serverMessage: ServerText.FirstLine(e.Message), inner: e);
        }

        var response = message.Response;
        if (response.Status != 200)
        {
            throw new OidcTokenRequestException(OidcTokenProblem.Refused, RequestUri.Host, response.Status, ErrorMessage(response));
        }

        var token = ReadToken(response.Content);
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new OidcTokenRequestException(OidcTokenProblem.MalformedReply, RequestUri.Host, response.Status);
        }

        Volatile.Write(ref _lastClaims, FederatedTokenClaims.TryRead(token));
        return token;
    }

    private static string? ReadToken(BinaryData content)
    {
        try
        {
            return JsonSerializer.Deserialize(content.ToMemory().Span, AzureDevOpsJsonContext.Default.OidcTokenReply)?.OidcToken;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? ErrorMessage(Response response)
    {
        try
        {
            if (JsonSerializer.Deserialize(response.Content.ToMemory().Span, AzureDevOpsJsonContext.Default.AzureDevOpsErrorReply)?.Message is { } message)
            {
                return ServerText.FirstLine(message);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON: a proxy's or a sign-in page's answer. Its reason phrase says enough.
        }

        return string.IsNullOrEmpty(response.ReasonPhrase) ? null : response.ReasonPhrase;
    }
}
