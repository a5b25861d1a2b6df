using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AkvTask.Authentication;

/// <summary>
/// Retry and timeout settings for token requests: a pipeline step must fail in seconds rather than
/// hang on an unreachable identity provider, yet ride out a brief outage.
/// </summary>
internal static class TokenCredentialTuning
{
    /// <summary>Each try's limit when asking the instance metadata endpoint, which answers locally within a second or two.</summary>
    public static readonly TimeSpan ManagedIdentityTryTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first try at the instance metadata endpoint.</summary>
    public const int ManagedIdentityRetries = 2;

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

    /// <summary>
    /// Azure.Identity replaces the retry settings of a managed identity credential with its own for the instance metadata
    /// endpoint (six tries, about 25 s before it says a machine has no endpoint at all), unless it is given a retry policy:
    /// three tries with short waits tell a machine that is not an Azure resource within seconds.
    /// </summary>
    public static void Apply(ManagedIdentityCredentialOptions options)
    {
        Apply((ClientOptions)options);
        options.RetryPolicy = new RetryPolicy(
            ManagedIdentityRetries, DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)));
        options.Retry.NetworkTimeout = ManagedIdentityTryTimeout;
    }
}
