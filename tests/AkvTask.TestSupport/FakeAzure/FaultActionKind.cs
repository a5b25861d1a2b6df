namespace AkvTask.TestSupport.FakeAzure;

internal enum FaultActionKind
{
    Respond,
    Throttle,
    Abort,
    Stall,
    StallBody,
    Delay,
    MalformedBody,
    Forbid,
}
