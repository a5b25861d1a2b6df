using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Stages;

namespace AkvTask.Tests.Stages;

public class TaskContextTests
{
    private const string Id = "3f2e4b7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b";

    private static Dictionary<string, string> AgentVariables() => new()
    {
        ["INPUT_CONNECTEDSERVICENAME"] = Id,
        ["INPUT_KEYVAULTNAME"] = "my-vault",
        ["INPUT_SECRETSFILTER"] = "a,b",
        ["INPUT_RUNASPREJOB"] = "false",
        [$"ENDPOINT_AUTH_SCHEME_{Id}"] = "ServicePrincipal",
        [$"ENDPOINT_AUTH_PARAMETER_{Id}_TENANTID"] = "tenant",
        [$"ENDPOINT_AUTH_PARAMETER_{Id}_SERVICEPRINCIPALID"] = "client",
        [$"ENDPOINT_AUTH_PARAMETER_{Id}_SERVICEPRINCIPALKEY"] = "s3cret",
        [$"ENDPOINT_DATA_{Id}_ENVIRONMENT"] = "AzureCloud",
    };

    private static TaskContext Read(Dictionary<string, string> variables, ExecutionStage stage = ExecutionStage.Job) =>
        TaskContext.Read(new AgentEnvironment(variables), stage);

    [Test]
    public void Reads_inputs_with_their_defaults()
    {
        var context = Read(AgentVariables());

        context.Inputs.Should().Be(new TaskInputs(
            Id, "my-vault", "a,b", RunAsPreJob: false, HyphenAliases: true, OutputVariables: false, MissingSecretPolicy.Fail, WarnExpiringWithinDays: 30, SecretFiles: "", SecretFileFormat.Pfx));
        JobSettings.Read(new AgentEnvironment(AgentVariables())).Should().Be(new JobSettings(Debug: false, new MultilineSwitch(null)));
    }

    [Test]
    public void Reads_the_connection_with_case_insensitive_keys_and_never_prints_its_secret()
    {
        var connection = Read(AgentVariables()).Connection;

        connection.Scheme.Should().Be("ServicePrincipal");
        connection.Parameter("serviceprincipalkey").Should().Be("s3cret");
        connection.Parameter("serviceprincipalId").Should().Be("client");
        connection.Data("environment").Should().Be("AzureCloud");
        connection.ToString().Should().NotContain("s3cret");
    }

    [Test]
    public void A_connection_without_a_scheme_is_a_service_principal()
    {
        var variables = AgentVariables();
        variables.Remove($"ENDPOINT_AUTH_SCHEME_{Id}");

        Read(variables).Connection.Scheme.Should().Be("ServicePrincipal");
    }

    [Test]
    public void A_connection_the_agent_did_not_give_is_a_clear_error()
    {
        var variables = AgentVariables();
        variables["INPUT_CONNECTEDSERVICENAME"] = "other-id";

        FluentActions.Invoking(() => Read(variables)).Should().Throw<TaskInputException>().WithMessage("*'other-id'*not given*authorized*");
    }

    [TestCase("INPUT_KEYVAULTNAME", "KeyVaultName")]
    [TestCase("INPUT_CONNECTEDSERVICENAME", "ConnectedServiceName")]
    public void A_missing_required_input_is_named(string variable, string input)
    {
        var variables = AgentVariables();
        variables.Remove(variable);

        FluentActions.Invoking(() => Read(variables)).Should().Throw<TaskInputException>().WithMessage($"*'{input}'*required*");
    }

    [TestCase("https://my-vault.vault.azure.net")]
    [TestCase("ab")]
    [TestCase("my_vault")]
    public void A_vault_name_that_is_not_a_name_is_rejected(string name)
    {
        var variables = AgentVariables();
        variables["INPUT_KEYVAULTNAME"] = name;

        FluentActions.Invoking(() => Read(variables)).Should().Throw<TaskInputException>().WithMessage("*not a Key Vault name*");
    }

    [Test]
    public void A_boolean_input_that_is_not_a_boolean_is_rejected()
    {
        var variables = AgentVariables();
        variables["INPUT_HYPHENALIASES"] = "yes";

        FluentActions.Invoking(() => Read(variables)).Should().Throw<TaskInputException>().WithMessage("*'HyphenAliases'*true or false*");
    }

    [TestCase(ExecutionStage.Job, "false", false)]
    [TestCase(ExecutionStage.Job, "true", true)]
    [TestCase(ExecutionStage.PreJob, "true", false)]
    [TestCase(ExecutionStage.PreJob, "False", true)]
    public void Only_the_stage_RunAsPreJob_selects_does_the_work(object stageArgument, string runAsPreJob, bool skipped)
    {
        var stage = (ExecutionStage)stageArgument;
        var variables = AgentVariables();
        variables["INPUT_RUNASPREJOB"] = runAsPreJob;

        (Read(variables, stage).SkipReason is not null).Should().Be(skipped);
    }

    [Test]
    public void Reads_the_agent_network_settings()
    {
        var variables = AgentVariables();
        variables["AGENT_PROXYURL"] = "http://proxy.corp:8080";
        variables["AGENT_PROXYUSERNAME"] = "user";
        variables["SECRET_AGENT_PROXYPASSWORD"] = "pass";
        variables["AGENT_PROXYBYPASSLIST"] = """["github\\.com", ".*\\.internal"]""";
        variables["AGENT_CAINFO"] = "/etc/ca.pem";

        var network = Read(variables).Network;

        network.ProxyAddress.Should().Be(new Uri("http://proxy.corp:8080"));
        network.ProxyCredential!.UserName.Should().Be("user");
        network.ProxyCredential.Password.Should().Be("pass");
        network.ProxyBypassPatterns.Should().Equal("github\\.com", ".*\\.internal");
        network.ExtraCertificateAuthoritiesPath.Should().Be("/etc/ca.pem");
    }

    [Test]
    public void A_malformed_bypass_list_is_a_clear_error()
    {
        var variables = AgentVariables();
        variables["AGENT_PROXYBYPASSLIST"] = "not json";

        FluentActions.Invoking(() => Read(variables)).Should().Throw<TaskInputException>().WithMessage("*AGENT_PROXYBYPASSLIST*");
    }

    [Test]
    public void Reads_the_job_settings()
    {
        var variables = AgentVariables();
        variables["SYSTEM_DEBUG"] = "True";
        variables["SYSTEM_UNSAFEALLOWMULTILINESECRET"] = "false";

        JobSettings.Read(new AgentEnvironment(variables)).Should().Be(new JobSettings(Debug: true, new MultilineSwitch("false")));
    }

    [Test]
    public void The_command_line_names_the_stage()
    {
        CommandLine.ParseRun(["run", "--stage", "job"]).Should().Be(new RunCommand(ExecutionStage.Job, false));
        CommandLine.ParseRun(["run", "--stage", "PreJob", "--stop-when-input-closes"]).Should().Be(new RunCommand(ExecutionStage.PreJob, true));
        CommandLine.ParseRun(["run", "--stage", "nightly"]).Should().BeNull();
        CommandLine.ParseRun(["run", "--stage", "job", "--other"]).Should().BeNull();
        CommandLine.ParseRun(["run"]).Should().BeNull();
        CommandLine.ParseRun([]).Should().BeNull();
    }
}
