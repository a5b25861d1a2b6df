using System.Net;
using System.Text;

namespace AkvTask.Tests.Authentication;

/// <summary>An HTTP handler that answers from a script and records what it was sent, for clients built on the shared transport.</summary>
internal sealed class ScriptedHttpHandler(Func<HttpRequestMessage, int, (HttpStatusCode Status, string Body)> answer) : HttpMessageHandler
{
    private readonly List<SentRequest> _sent = [];

    public IReadOnlyList<SentRequest> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        int index;
        lock (_sent)
        {
            index = _sent.Count;
            _sent.Add(new SentRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        }

        var (status, text) = answer(request, index);
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, "application/json"), RequestMessage = request };
    }

    internal sealed record SentRequest(string Method, Uri Uri, string? Authorization, string? Body);
}
