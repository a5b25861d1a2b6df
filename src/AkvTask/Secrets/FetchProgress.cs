namespace AkvTask.Secrets;

/// <summary>How far a fetch has come, for a step that runs long enough for someone to wonder.</summary>
/// <param name="Settled">Secrets read, or failed, so far.</param>
/// <param name="Found">Secrets to read known so far: the ones named, and the ones the listing has selected.</param>
/// <param name="AllFound">No more will be found: the listing is over, or the filter needs none.</param>
/// <param name="ThrottleWait">How long requests are still held back for the vault's throttling window.</param>
internal sealed record FetchProgress(int Settled, int Found, bool AllFound, TimeSpan ThrottleWait)
{
    /// <summary>Settled of all found, once all are found (before, any share would be a guess).</summary>
    public int? Percent => AllFound ? (Found == 0 ? 100 : Settled * 100 / Found) : null;
}
