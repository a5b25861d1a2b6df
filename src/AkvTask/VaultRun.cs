using AkvTask.Diagnostics;
using AkvTask.Network;
using AkvTask.Publishing;
using AkvTask.Secrets;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AkvTask;

/// <summary>What one run reads from which vault, and how it is judged.</summary>
/// <param name="SignIn">The credential, made over the run's transport so that token requests take the same network path.</param>
internal sealed record VaultRunSettings(
    Uri VaultUri,
    SecretFilter Filter,
    NetworkSettings Network,
    Func<HttpPipelineTransport, TokenCredential> SignIn,
    bool HyphenAliases,
    OutcomeRules Rules);

/// <summary>
/// The chain the pipeline task and the check command share: the network, the credential, the fetch, the variable
/// plan, then the outcome. What each does with the plan (set variables, or nothing) is theirs.
/// </summary>
internal static class VaultRun
{
    /// <param name="publish">Given the plan once the fetch is over; it publishes <see cref="VariablePlan.ToPublish"/>.</param>
    public static async Task<RunOutcome> RunAsync(VaultRunSettings settings, Action<FetchReport, VariablePlan> publish, CancellationToken cancellationToken)
    {
        var transport = HttpTransportFactory.Create(settings.Network);
        var credential = settings.SignIn(transport);
        var fetcher = new SecretFetcher(signIn => VaultClientFactory.Create(settings.VaultUri, credential, transport, signIn), new FetchOptions());
        var report = await fetcher.FetchAsync(settings.Filter, cancellationToken);
        var plan = VariablePlan.Create(report.Secrets, settings.HyphenAliases);
        publish(report, plan);
        return RunOutcome.From(report, plan, settings.Rules);
    }
}
