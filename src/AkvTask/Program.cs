using AkvTask.Authentication;
using AkvTask.Diagnostics;
using AkvTask.Network;
using AkvTask.Pipeline;
using AkvTask.Publishing;
using AkvTask.Secrets;

// The spine: read the context, authenticate, fetch, publish, report one result. Every failure ends up in that result.
if (CommandLine.ParseStage(args) is not { } stage)
{
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var environment = AgentEnvironment.FromProcess();
var log = LoggingCommandWriter.ForStandardOutput(JobSettings.Read(environment).Debug);
using var stop = new StopSignal();
string? connectionId = null;

try
{
    var context = TaskContext.Read(environment, stage);
    connectionId = context.Connection.Id;
    if (context.SkipReason is { } skipReason)
    {
        log.Info(skipReason);
        log.Complete(TaskResult.Skipped, skipReason);
        return 0;
    }

    var inputs = context.Inputs;
    var filter = SecretFilter.Parse(inputs.SecretsFilter);
    var cloud = CloudEnvironment.From(context.Connection);
    var vaultUri = cloud.VaultUri(inputs.KeyVaultName);
    var transport = HttpTransportFactory.Create(context.Network);
    var credential = CredentialFactory.Create(context.Connection, cloud, transport);
    var client = VaultClientFactory.Create(vaultUri, credential, transport);

    log.Info($"Reading secrets from {vaultUri.Host} ({context.Connection.Scheme} connection).");
    var report = await new SecretFetcher(client, new FetchOptions()).FetchAsync(filter, stop.Token);

    var plan = VariablePlan.Create(report.Secrets, inputs.HyphenAliases);
    if (plan.Conflicts.Count == 0)
    {
        new VariablePublisher(log, new PublishOptions(inputs.OutputVariables, context.Job.UnsafeAllowMultilineSecret)).Publish(plan);
    }

    var outcome = RunOutcome.From(report, plan, inputs.KeyVaultName, inputs.OnMissingSecret, DateTimeOffset.UtcNow);
    outcome.WriteTo(log);
    log.Complete(outcome.Result, outcome.Summary);
    return outcome.Result == TaskResult.Failed ? 1 : 0;
}
catch (Exception e)
{
    var message = FailureMessages.ForRun(e, connectionId);
    log.Error(message);
    log.Complete(TaskResult.Failed, message);
    return 1;
}
