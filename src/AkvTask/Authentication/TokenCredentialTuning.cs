using Azure.Core;

namespace AkvTask.Authentication;

/// <summary>
/// Retry and timeout settings for token requests: a pipeline step must fail in seconds rather than
/// hang on an unreachable identity provider, yet ride out a brief outage.
/// </summary>
internal static class TokenCredentialTuning
{
    public static void Apply(ClientOptions options)
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromSeconds(1);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        // Request and response logging would add nothing the task's own messages do not say, and cost start-up time.
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
    }
}
