using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Secrets;

/// <summary>
/// A vault answers a client's first request with a sign-in challenge, and only then is a token fetched. Letting one
/// request meet the challenge while the other workers wait spares the vault, and the throttling budget every job
/// shares, a challenge per worker. As a pipeline policy after the SDK's authentication, the gate opens for good as
/// soon as a request goes out with a token, however long its answer then takes.
/// </summary>
internal sealed class SignInGate : HttpPipelinePolicy
{
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _taken;

    /// <summary>The first caller goes at once; the others wait until the gate opens.</summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken) =>
        Interlocked.Exchange(ref _taken, 1) == 0 ? Task.CompletedTask : _open.Task.WaitAsync(cancellationToken);

    /// <summary>Also called when the first request has failed: the others then try for themselves.</summary>
    public void Open() => _open.TrySetResult();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        OpenIfSigned(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        OpenIfSigned(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void OpenIfSigned(HttpMessage message)
    {
        if (message.Request.Headers.Contains(HttpHeader.Names.Authorization))
        {
            Open();
        }
    }
}
