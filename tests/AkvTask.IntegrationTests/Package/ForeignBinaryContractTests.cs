using AkvTask.IntegrationTests.EndToEnd;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.Package;

/// <summary>
/// The end-to-end contract cases every packaged binary that runs here only through an emulator (qemu-user, Wine) must
/// pass: hostile values byte for byte and masked, a multi-line secret, a failure.
/// </summary>
public abstract class ForeignBinaryContractTests : EndToEndTest
{
    /// <summary>The main stage of the packaged binary, as the launcher starts it, read by that platform's agent's rules.</summary>
    protected abstract Task<TaskRun> RunTask(AgentVariables agent);

    /// <summary>A multi-line value with that platform's line ends.</summary>
    protected virtual string MultiLine(string value) => value;

    [Test]
    public async Task Hostile_values_arrive_byte_for_byte_and_masked()
    {
        foreach (var (name, value) in HostileValuesTests.Values)
        {
            Vault.SetSecret(name, value);
        }

        var run = await RunTask(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded", run.ToString());
        run.Log.Refusals.Should().BeEmpty();
        foreach (var (name, value) in HostileValuesTests.Values)
        {
            run.Log.Variables[name].Should().Be(new PipelineVariable(name, value, IsSecret: true, IsOutput: false), $"secret {name} arrives byte for byte");
        }

        run.Log.Variables.Should().NotContainKey("PATH", "a value can never smuggle in a command");
        run.Log.Errors.Should().BeEmpty();
        AssertNothingSecretInTheClear(run, HostileValuesTests.Values.Values, ClientSecret);
    }

    [Test]
    public async Task A_multi_line_secret_is_set_with_the_switch_on_for_its_command_only()
    {
        var pem = MultiLine(HostileValuesTests.TestPem());
        Vault.SetSecret("pem", pem);

        var run = await RunTask(Agent("pem").JobVariable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "false"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Refusals.Should().BeEmpty("an agent refuses a multi-line secret unless the switch is on");
        run.Log.Variables["pem"].Value.Should().Be(pem);
        run.Log.SetWhileMultilineAllowed.Should().Equal("pem");
        run.Log.FinalMultilineSwitch.Should().Be("false", "the job's own setting is put back");
        AssertNothingSecretInTheClear(run, [pem], ClientSecret);
    }

    [Test]
    public async Task A_failure_fails_the_step_and_says_why()
    {
        Vault.SetSecret("present", "readable-value");
        Vault.SetSecret("denied", "never-read");
        using var _ = Vault.Faults.Forbid(ForbiddenReason.Rbac, VaultOperation.Get, "denied");

        var run = await RunTask(Agent("present, denied"));

        run.ExitCode.Should().NotBe(0, run.ToString());
        run.Log.Result.Should().Be("Failed", run.ToString());
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'denied'").And.Contain("Key Vault Secrets User").And.Contain($"appid={ClientId}");
        run.Log.Variables.Keys.Should().Equal("present");
        run.Log.Variables["present"].Value.Should().Be("readable-value");
        AssertNothingSecretInTheClear(run, ["readable-value"], ClientSecret);
    }
}
