using AkvTask.Agent;
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
    OutcomeRules Rules)
{
    /// <summary>The SecretFiles list, or null when no secret is to be a file.</summary>
    public SecretFilter? Files { get; init; }

    public CertificateFormat CertificateFormat { get; init; } = TaskInputs.DefaultCertificateFormat;
}

/// <summary>
/// The chain the pipeline task and the check command share: the network, the credential, the fetch, the variable
/// and file plans, then the outcome. What each does with the plans (set variables and write files, or only try the
/// files in memory) is theirs.
/// </summary>
internal static class VaultRun
{
    /// <param name="publish">
    /// Given the plans once the fetch is over; unless the file plan is <see cref="FilePlan.Blocked"/>, it publishes
    /// <see cref="VariablePlan.ToPublish"/> and writes the files, and says what became of them.
    /// </param>
    public static async Task<RunOutcome> RunAsync(
        VaultRunSettings settings, Func<FetchReport, VariablePlan, FilePlan, FileOutcome> publish, CancellationToken cancellationToken)
    {
        var transport = HttpTransportFactory.Create(settings.Network);
        var credential = settings.SignIn(transport);
        var fetcher = new SecretFetcher(signIn => VaultClientFactory.Create(settings.VaultUri, credential, transport, signIn), new FetchOptions());
        var report = await fetcher.FetchAsync(SecretSelection.Of(settings.Filter, settings.Files), cancellationToken);
        var plan = VariablePlan.Create([.. report.Secrets.Where(secret => secret.Variables.Count > 0)], settings.HyphenAliases);
        var files = FilePlan.Create(report.Secrets, settings.CertificateFormat, settings.HyphenAliases, plan.Secrets.SelectMany(p => p.VariableNames));
        var fileOutcome = publish(report, plan, files);
        return RunOutcome.From(report, plan, settings.Rules, fileOutcome);
    }
}
