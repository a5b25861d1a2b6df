namespace AkvTask.TestSupport.FakeAzure;

/// <summary>How a fault rule wants one request answered instead of (or before) the normal answer.</summary>
public sealed class FaultAction
{
    private FaultAction(FaultActionKind kind) => Kind = kind;

    internal FaultActionKind Kind { get; }

    internal int Status { get; private init; }

    internal string? Body { get; private init; }

    internal TimeSpan? RetryAfter { get; private init; }

    internal TimeSpan Duration { get; private init; }

    internal ForbiddenReason Reason { get; private init; }

    /// <summary>Answer <paramref name="status"/> with <paramref name="jsonBody"/>, or with the service's own error body for that status.</summary>
    public static FaultAction Respond(int status, string? jsonBody = null, TimeSpan? retryAfter = null) =>
        new(FaultActionKind.Respond) { Status = status, Body = jsonBody, RetryAfter = retryAfter };

    /// <summary>429 with the service's real throttling body; <c>Retry-After</c> only when <paramref name="retryAfter"/> is given.</summary>
    public static FaultAction Throttle(TimeSpan? retryAfter) =>
        new(FaultActionKind.Throttle) { Status = 429, RetryAfter = retryAfter };

    /// <summary>Drop the connection without answering.</summary>
    public static FaultAction Abort() => new(FaultActionKind.Abort);

    /// <summary>Send nothing for <paramref name="duration"/>, then drop the connection.</summary>
    public static FaultAction Stall(TimeSpan duration) => new(FaultActionKind.Stall) { Duration = duration };

    /// <summary>Send the status, headers and half of the body, then nothing for <paramref name="duration"/>, then drop the connection.</summary>
    public static FaultAction StallBody(TimeSpan duration) => new(FaultActionKind.StallBody) { Duration = duration };

    /// <summary>Wait <paramref name="duration"/>, then let the next rule or the normal answer decide. The only action that does not end rule evaluation.</summary>
    public static FaultAction Delay(TimeSpan duration) => new(FaultActionKind.Delay) { Duration = duration };

    /// <summary>Answer normally, but with a JSON body cut short.</summary>
    public static FaultAction MalformedBody() => new(FaultActionKind.MalformedBody) { Status = 200 };

    /// <summary>403 with the real Key Vault body for <paramref name="reason"/>.</summary>
    public static FaultAction Forbid(ForbiddenReason reason) => new(FaultActionKind.Forbid) { Status = 403, Reason = reason };

    public override string ToString() => Kind switch
    {
        FaultActionKind.Respond or FaultActionKind.Throttle => $"{Kind} {Status} (Retry-After {RetryAfter?.ToString() ?? "none"})",
        FaultActionKind.Stall or FaultActionKind.StallBody or FaultActionKind.Delay => $"{Kind} {Duration}",
        FaultActionKind.Forbid => $"{Kind} {Reason}",
        _ => Kind.ToString(),
    };
}
