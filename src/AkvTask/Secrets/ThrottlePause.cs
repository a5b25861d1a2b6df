using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Secrets;

/// <summary>
/// The vault's request limit is shared by every worker (and every job using the vault). When one request is
/// told to wait (429 with Retry-After), every request about to be sent waits too, instead of each worker
/// spending a try to learn the same thing. The SDK still does the retrying; this only holds requests back.
/// </summary>
internal sealed class ThrottlePause(TimeProvider clock) : HttpPipelinePolicy
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(60);
    private long _resumeAtTicks;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var wait = new DateTimeOffset(Interlocked.Read(ref _resumeAtTicks), TimeSpan.Zero) - clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < LongestPause ? wait : LongestPause, clock, message.CancellationToken);
        }

        await ProcessNextAsync(message, pipeline);

        if (message.HasResponse && message.Response.Status == 429 && RetryAfter(message.Response) is { } retryAfter)
        {
            var resumeAt = clock.GetUtcNow() + (retryAfter < LongestPause ? retryAfter : LongestPause);
            long seen;
            do
            {
                seen = Interlocked.Read(ref _resumeAtTicks);
            }
            while (resumeAt.UtcTicks > seen && Interlocked.CompareExchange(ref _resumeAtTicks, resumeAt.UtcTicks, seen) != seen);
        }
    }

    private static TimeSpan? RetryAfter(Response response) =>
        response.Headers.TryGetValue("Retry-After", out var value) && int.TryParse(value, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
