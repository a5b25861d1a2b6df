namespace AkvTask.TestSupport.FakeAzure;

/// <summary>One request as the fake saw and answered it.</summary>
/// <param name="Status">The status answered; 0 when the connection was dropped instead (a fault, or the client gave up).</param>
public sealed record RequestRecord(
    DateTimeOffset Time,
    string Method,
    string Host,
    string PathAndQuery,
    RequestKind Kind,
    bool HasBearer,
    int Status,
    string? VaultName,
    string? SecretName,
    TimeSpan Duration);
