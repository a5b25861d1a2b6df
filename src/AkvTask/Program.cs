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

    log.Info($"Reading {(filter.All ? "every secret" : $"{filter.Names.Count} secret(s)")} from {vaultUri.Host} with the service connection's {context.Connection.Scheme}.");
    var report = await new SecretFetcher(client, new FetchOptions()).FetchAsync(filter, stop.Token);

    var publishOptions = new PublishOptions(inputs.HyphenAliases, inputs.OutputVariables, context.Job.UnsafeAllowMultilineSecret);
    var published = new VariablePublisher(log, publishOptions).Publish(report.Secrets);

    var outcome = RunOutcome.From(report, published, inputs.KeyVaultName);
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
