using Azure;
using Azure.Core;

namespace AkvTask.Secrets;

/// <summary>
/// How long a response asks the client to wait (Retry-After in seconds or as an HTTP date, or the millisecond
/// headers), read exactly as the SDK's retry policy reads it, so that the throttle pause, the retry policy and the
/// failure message never disagree about a header.
/// </summary>
internal static class RetryAfter
{
    private static readonly DelayStrategy ServerOnly = new ServerDelayOnly();

    /// <summary>The wait the response asks for; null when it asks for none.</summary>
    public static TimeSpan? Read(Response? response)
    {
        if (response is null)
        {
            return null;
        }

        var wait = ServerOnly.GetNextDelay(response, retryNumber: 1);
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Adds nothing of its own, so what the SDK's strategy returns is the server's delay alone.</summary>
    private sealed class ServerDelayOnly() : DelayStrategy(maxDelay: TimeSpan.Zero, jitterFactor: 0)
    {
        protected override TimeSpan GetNextDelayCore(Response? response, int retryNumber) => TimeSpan.Zero;
    }
}
