namespace AkvTask.Authentication;

/// <summary>Why no OIDC token came from Azure DevOps.</summary>
internal enum OidcTokenProblem
{
    /// <summary>The agent gave the task no job access token to ask with.</summary>
    JobAccessTokenMissing,

    /// <summary>Neither SYSTEM_OIDCREQUESTURI nor the job variables that make up the fallback URL are set.</summary>
    JobVariablesMissing,

    /// <summary>Azure DevOps answered with an error status.</summary>
    Refused,

    /// <summary>Azure DevOps could not be reached (after retries).</summary>
    Unreachable,

    /// <summary>Azure DevOps answered 200 without an OIDC token.</summary>
    MalformedReply,
}
