using AkvTask.Agent;
using AkvTask.Network;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Secrets;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask.Run;

/// <summary>What one run reads from which vault, and how it is judged.</summary>
/// <param name="SignIn">The credential, made over the run's transport so that token requests take the same network path.</param>
internal sealed record VaultRunSettings(
    Uri VaultUri,
    SecretFilter Filter,
    NetworkSettings Network,
    Func<HttpPipelineTransport, TokenCredential> SignIn,
    bool HyphenAliases,
    OutcomeRules Rules)
{
    /// <summary>The SecretFiles list, or null when no secret is to be a file.</summary>
    public SecretFilter? Files { get; init; }

    public SecretFileFormat CertificateFormat { get; init; } = SecretFileFormat.DefaultCertificateFormat;
}

/// <summary>
/// The chain the pipeline task and the check command share: the network, the credential, the fetch, the plan of
/// variables and files (with the one decision whether any may be published), then the outcome. What each does with the
/// plan (set variables and write files, or only try the files in memory) is theirs.
/// </summary>
internal static class VaultRun
{
    /// <summary>How often a fetch that is still going says how far it has come.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <param name="progress">Told how far the fetch has come every <see cref="ProgressInterval"/> while it lasts.</param>
    /// <param name="publish">
    /// Given the plan once the fetch is over: it sets <see cref="PublishPlan.SecretsToSet"/> and writes
    /// <see cref="PublishPlan.FilesToWrite"/> (none of either when the plan may not be published), or only tries the
    /// files, and says what became of them.
    /// </param>
    public static async Task<RunOutcome> RunAsync(
        VaultRunSettings settings,
        Action<FetchProgress> progress,
        Func<FetchReport, PublishPlan, FileOutcome> publish,
        CancellationToken cancellationToken)
    {
        var transport = HttpTransportFactory.Create(settings.Network);
        var credential = settings.SignIn(transport);
        var fetcher = new SecretFetcher(
            (signIn, throttle) => VaultClientFactory.Create(settings.VaultUri, credential, transport, signIn, throttle), new FetchOptions());

        FetchReport report;
        using (var fetched = new CancellationTokenSource())
        {
            var watcher = ReportProgressAsync(fetcher, progress, fetched.Token);
            try
            {
                report = await fetcher.FetchAsync(SecretSelection.Of(settings.Filter, settings.Files), cancellationToken);
            }
            finally
            {
                await fetched.CancelAsync();
                await watcher;
            }
        }

        var plan = PublishPlan.Create(report.Secrets, settings.HyphenAliases, settings.CertificateFormat);
        return RunOutcome.From(report, plan, settings.Rules, publish(report, plan));
    }

    private static async Task ReportProgressAsync(SecretFetcher fetcher, Action<FetchProgress> progress, CancellationToken fetched)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(fetched))
            {
                progress(fetcher.Progress);
            }
        }
        catch (OperationCanceledException) when (fetched.IsCancellationRequested)
        {
            // The fetch is over: nothing more to say.
        }
    }
}
