using System.Net.Sockets;
using System.Security.Authentication;
using AkvTask.Errors;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Secrets;

/// <summary>
/// The SDK's retry policy (exponential back-off with jitter, Retry-After honoured as <see cref="RetryAfter"/> reads it), except that a host name that
/// does not resolve, or a server certificate that is not trusted, is not retried: a mistyped vault name or a
/// missing certificate authority should fail in a second, not after half a minute.
/// </summary>
internal sealed class VaultRetryPolicy(int maxRetries, DelayStrategy delay) : RetryPolicy(maxRetries, delay)
{
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !IsPermanent(exception) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        IsPermanent(exception) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    private static bool IsPermanent(Exception? exception) =>
        exception is not null && exception.Chain().Any(e =>
            e is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } or AuthenticationException);
}
