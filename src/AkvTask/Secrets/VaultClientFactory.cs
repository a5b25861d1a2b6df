using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.Secrets;

/// <summary>Builds the vault client with retries and timeouts tuned for a pipeline step.</summary>
internal static class VaultClientFactory
{
    /// <summary>Retries after the first try: enough to ride out a throttling burst shared with other jobs.</summary>
    public const int MaxRetries = 6;

    /// <summary>
    /// Each try's limit. A vault answers in well under a second; a try that has heard nothing by now is stalled,
    /// and is retried rather than awaited forever.
    /// </summary>
    public static readonly TimeSpan TryTimeout = TimeSpan.FromSeconds(10);

    public static SecretClient Create(Uri vaultUri, TokenCredential credential, HttpPipelineTransport transport, SignInGate signIn, ThrottlePause throttle)
    {
        var options = new SecretClientOptions { Transport = transport };

        // Exponential back-off with jitter; the SDK honours Retry-After, and ThrottlePause makes every worker honour it.
        options.RetryPolicy = new VaultRetryPolicy(
            MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30)));
        options.Retry.NetworkTimeout = TryTimeout;
        options.AddPolicy(throttle, HttpPipelinePosition.PerRetry);
        // Per-retry policies run after the SDK's authentication, so the gate sees whether a request carries a token.
        options.AddPolicy(signIn, HttpPipelinePosition.PerRetry);
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;

        return new SecretClient(vaultUri, credential, options);
    }
}
