namespace AkvTask.Secrets;

/// <summary>How the fetcher spends the vault's request budget.</summary>
/// <param name="Concurrency">
/// Requests for values in flight at once. Enough to hide latency, well below the vault's throttling limit,
/// which every job using the vault shares.
/// </param>
internal sealed record FetchOptions(int Concurrency = 16);
