namespace AkvTask.Secrets;

/// <summary>What a fetch found: secrets read (ordered by name), skipped and failed.</summary>
/// <param name="ListingFailure">Listing the vault failed, so the secrets it would have found are unknown.</param>
internal sealed record FetchReport(
    IReadOnlyList<FetchedSecret> Secrets,
    IReadOnlyList<SkippedSecret> Skipped,
    IReadOnlyList<SecretFailure> Failures,
    VaultFailure? ListingFailure);
