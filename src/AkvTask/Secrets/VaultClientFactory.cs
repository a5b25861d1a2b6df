using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;

namespace AkvTask.Secrets;

/// <summary>Builds the vault client with retries and timeouts tuned for a pipeline step.</summary>
internal static class VaultClientFactory
{
    public static SecretClient Create(Uri vaultUri, TokenCredential credential, HttpPipelineTransport transport)
    {
        var options = new SecretClientOptions { Transport = transport };

        // Throttling is shared by every job using the vault: back off exponentially with jitter, and honour
        // Retry-After (the SDK's retry policy does). A try that gets no answer in time is retried, never awaited forever.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 6;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;

        return new SecretClient(vaultUri, credential, options);
    }
}
