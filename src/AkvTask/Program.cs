using System.Diagnostics;
using AkvTask;
using AkvTask.Agent;
using AkvTask.Authentication;
using AkvTask.Checking;
using AkvTask.Diagnostics;
using AkvTask.Network;
using AkvTask.Publishing;
using AkvTask.Secrets;

switch (args)
{
    case ["run", ..]:
        return CommandLine.ParseRun(args) is { } run ? await RunInPipelineAsync(run) : Usage();
    case ["check", .. var checkArgs]:
        return await AccessCheck.RunAsync(checkArgs, Console.Out);
    case ["--version"]:
        Console.WriteLine(CommandLine.Version);
        return 0;
    case ["--help"] or ["-h"] or ["help"]:
        Console.WriteLine(CommandLine.Help);
        return 0;
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine(CommandLine.Help);
    return 2;
}

// The spine: read the context, authenticate, fetch, publish, report one result. Every failure ends up in that result.
static async Task<int> RunInPipelineAsync(RunCommand command)
{
    var started = Stopwatch.StartNew();
    var environment = AgentEnvironment.FromProcess();
    var job = JobSettings.Read(environment);
    var log = LoggingCommandWriter.ForStandardOutput(job.Debug);
    string? connectionId = null;

    try
    {
        if (command.Stage == ExecutionStage.PostJob)
        {
            return PostJobCleanup.Run(environment, log);
        }

        using var stop = new StopSignal(command.StopWhenInputCloses);
        var context = TaskContext.Read(environment, command.Stage);
        connectionId = context.Connection.Id;
        if (context.SkipReason is { } skipReason)
        {
            log.Info(skipReason);
            log.Complete(TaskResult.Skipped, skipReason);
            return 0;
        }

        using var trustStore = TrustStoreWarmUp.Start(CertificateFolderNarrowing.TryApply(job.TempDirectory, log.Debug));

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

        var run = new VaultRunSettings(
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
        var publisher = new VariablePublisher(log, new PublishOptions(inputs.OutputVariables, job.MultilineSwitch));
        var writer = new SecretFileWriter(log);
        var outcome = await VaultRun.RunAsync(run, progress => ProgressLog.Write(log, progress), (report, plan, filePlan) =>
        {
            log.Debug($"Fetched {report.Secrets.Count} secret(s) in {started.Elapsed.TotalSeconds:0.000} s.");
            if (filePlan.Blocked || plan.Conflicts.Count > 0)
            {
                return FileOutcome.NotWritten(filePlan); // a clash: nothing at all is set or written
            }

            publisher.Publish(plan);
            return writer.Write(filePlan, job.TempDirectory);
        }, stop.Token);

        OutcomeLog.Write(log, outcome);
        UploadSummary(log, job, inputs.KeyVaultName, RunSummary.Render(outcome, vaultUri.Host, context.Connection, started.Elapsed));
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

// The summary is a report on what is done: failing to write it is worth a warning, never a failed step.
static void UploadSummary(LoggingCommandWriter log, JobSettings job, string vaultName, string markdown)
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
