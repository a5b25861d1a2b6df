namespace AkvTask.Authentication;

/// <summary>Asking Azure DevOps for the connection's OIDC token failed. Carries what went wrong as data, never the job's token.</summary>
/// <param name="host">The Azure DevOps host asked, when known.</param>
/// <param name="status">The HTTP status Azure DevOps answered, or 0.</param>
/// <param name="serverMessage">Azure DevOps's own message (first line), or the network error.</param>
internal sealed class OidcTokenRequestException(OidcTokenProblem problem, string? host = null, int status = 0, string? serverMessage = null, Exception? inner = null)
    : Exception($"Azure DevOps gave no OIDC token ({problem}{(status > 0 ? $", {status}" : "")}{(serverMessage is null ? "" : $": {serverMessage}")}).", inner)
{
    public OidcTokenProblem Problem { get; } = problem;

    public string? Host { get; } = host;

    public int Status { get; } = status;

    public string? ServerMessage { get; } = serverMessage;
}
