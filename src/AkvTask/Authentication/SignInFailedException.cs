using Azure.Identity;

namespace AkvTask.Authentication;

/// <summary>
/// A sign-in failure of the service connection's credential, with what was tried. It is an
/// <see cref="AuthenticationFailedException"/>, so everything that stops on sign-in failures stops on it.
/// </summary>
/// <param name="federatedToken">For workload identity federation: the claims of the last OIDC token presented, if any.</param>
internal sealed class SignInFailedException(SignInAttempt attempt, FederatedTokenClaims? federatedToken, Exception inner)
    : AuthenticationFailedException($"Signing in with the {attempt.MethodDescription} of service connection {attempt.ConnectionId} failed: {inner.Message}", inner)
{
    public SignInAttempt Attempt { get; } = attempt;

    public FederatedTokenClaims? FederatedToken { get; } = federatedToken;
}
