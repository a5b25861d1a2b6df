using Azure.Core;
using Azure.Identity;

namespace AkvTask.Authentication;

/// <summary>
/// The service connection's credential: Azure.Identity's credential for its scheme, whose failures come out as
/// <see cref="SignInFailedException"/> carrying what was tried, so that they can be explained without guessing.
/// </summary>
internal sealed class ConnectionCredential(TokenCredential inner, SignInAttempt attempt, AzureDevOpsOidcTokenSource? oidcTokens = null) : TokenCredential
{
    public SignInAttempt Attempt { get; } = attempt;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        try
        {
            return inner.GetToken(requestContext, cancellationToken);
        }
        catch (Exception e) when (IsSignInFailure(e))
        {
            throw Explained(e);
        }
    }

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.GetTokenAsync(requestContext, cancellationToken);
        }
        catch (Exception e) when (IsSignInFailure(e))
        {
            throw Explained(e);
        }
    }

    private static bool IsSignInFailure(Exception e) =>
        e is (AuthenticationFailedException or CredentialUnavailableException or OidcTokenRequestException) and not SignInFailedException;

    private SignInFailedException Explained(Exception e) => new(Attempt, oidcTokens?.LastTokenClaims, e);
}
