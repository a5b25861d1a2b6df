using System.Diagnostics;
using AkvTask.Agent;
using AkvTask.Authentication;
using AkvTask.Errors;
using AkvTask.Network;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Run;
using AkvTask.Secrets;

namespace AkvTask.Stages;

/// <summary>
/// The task as the agent runs it. The spine: read the context, run, publish, report one result; every failure of
/// every stage ends up in that result.
/// </summary>
internal static class PipelineTask
{
    /// <param name="stopWhenInputCloses">The launcher closes the program's standard input to ask it to stop.</param>
    public static async Task<int> RunAsync(ExecutionStage stage, bool stopWhenInputCloses)
    {
        var started = Stopwatch.StartNew();
        var environment = AgentEnvironment.FromProcess();
        var job = JobSettings.Read(environment);
        var log = LoggingCommandWriter.ForStandardOutput(job.Debug);
        string? connectionId = null;

        try
        {
            if (stage == ExecutionStage.PostJob)
            {
                return PostJobCleanup.Run(environment, log);
            }

            using var stop = new StopSignal(stopWhenInputCloses);
            var context = TaskContext.Read(environment, stage);
            connectionId = context.Connection.Id;
            if (context.SkipReason is { } skipReason)
            {
                log.Info(skipReason);
                log.Complete(TaskResult.Skipped, skipReason);
                return 0;
            }

            using var trustStore = TrustStoreWarmUp.Start(CertificateFolderNarrowing.TryApply(job.TempDirectory, log.Debug));
            var outcome = await ReadSecretsAsync(context, job, log, started, stop.Token);
            log.Complete(outcome.Result, outcome.Summary);
            return outcome.Result == TaskResult.Failed ? 1 : 0;
        }
        catch (Exception e)
        {
            // The last guard: whatever happened, the step ends with one result and a one-line reason, never .NET's crash text.
            var message = FailureMessages.OneLineReason(e, connectionId);
            log.Error(message);
            log.Complete(TaskResult.Failed, message);
            return 1;
        }
    }

    private static async Task<RunOutcome> ReadSecretsAsync(
        TaskContext context, JobSettings job, LoggingCommandWriter log, Stopwatch started, CancellationToken cancellationToken)
    {
        var settings = RunSettings(context, log);
        var publisher = new VariablePublisher(log, new PublishOptions(context.Inputs.OutputVariables, job.MultilineSwitch));
        var writer = new SecretFileWriter(log);
        var outcome = await VaultRun.RunAsync(settings, progress => ProgressLog.Write(log, progress), (report, plan) =>
        {
            log.Debug($"Fetched {report.Secrets.Count} secret(s) in {started.Elapsed.TotalSeconds:0.000} s.");
            publisher.Publish(plan);
            return writer.Write(plan, job.TempDirectory);
        }, cancellationToken);

        OutcomeLog.Write(log, outcome);
        var summary = RunSummary.Render(outcome, settings.VaultUri.Host, context.Connection, started.Elapsed);
        UploadSummary(log, job, context.Inputs.KeyVaultName, summary);
        return outcome;
    }

    /// <summary>The inputs and the connection as one run's settings; the filters are checked here, before any request.</summary>
    private static VaultRunSettings RunSettings(TaskContext context, LoggingCommandWriter log)
    {
        var inputs = context.Inputs;
        var filter = SecretFilter.Parse(inputs.SecretsFilter);
        var files = SecretFilter.Parse(inputs.SecretFiles, FilterList.SecretFiles);
        var cloud = CloudEnvironment.From(context.Connection);
        var vaultUri = cloud.VaultUri(inputs.KeyVaultName);
        log.Info($"Reading secrets from {vaultUri.Host} with service connection {context.Connection.Id} ({context.Connection.Scheme}).");
        log.Debug($"Cloud {cloud.Name}: authority {cloud.AuthorityHost}, vault resource {cloud.VaultResource}. {DebugText.Network(context.Network)}");
        log.Debug(DebugText.Filter(filter));
        if (files.Requests.Count + files.Includes.Count > 0)
        {
            log.Debug("Files " + DebugText.Filter(files));
        }

        return new VaultRunSettings(
            vaultUri,
            filter,
            context.Network,
            transport => CredentialFactory.Create(context.Connection, cloud, context.JobIdentity, transport),
            inputs.HyphenAliases,
            new OutcomeRules(inputs.KeyVaultName, inputs.OnMissingSecret, inputs.WarnExpiringWithinDays, DateTimeOffset.UtcNow))
        {
            Files = files,
            CertificateFormat = inputs.CertificateFormat,
        };
    }

    // The summary is a report on what is done: failing to write it is worth a warning, never a failed step.
    private static void UploadSummary(LoggingCommandWriter log, JobSettings job, string vaultName, string markdown)
    {
        try
        {
            if (SummaryFile.Write(job.TempDirectory, vaultName, markdown) is { } path)
            {
                log.UploadSummary(path);
            }
            else
            {
                log.Debug("No run summary: the agent gave no temporary folder (AGENT_TEMPDIRECTORY).");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Warning($"The run summary could not be written to the agent's temporary folder ({ServerText.FirstLine(e.Message)}). The variables are set.");
        }
    }
}
