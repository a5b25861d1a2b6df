using AkvTask.Agent;
using AkvTask.Publishing;
using AkvTask.Secrets;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.Tests.Publishing;

public class VariablePublisherTests
{
    private static AgentLog Publish(bool hyphenAliases, PublishOptions options, string? jobSetting, params FetchedSecret[] secrets)
    {
        var output = new StringWriter();
        var writer = new LoggingCommandWriter(output, debug: false);
        new VariablePublisher(writer, options).Publish(PublishPlan.Create(secrets, hyphenAliases, SecretFileFormat.Pfx));
        return AgentLog.Parse(output.ToString(), jobMultilineSetting: jobSetting);
    }

    private static FetchedSecret Secret(string name, string value) =>
        new(name, value, "0123456789abcdef0123456789abcdef", null, null, null, [name], Requested: false);

    [Test]
    public void Sets_each_secret_as_a_secret_variable_with_its_alias()
    {
        var log = Publish(true, new PublishOptions(false, new MultilineSwitch(null)), null,
            Secret("db-password", "p;a]s%s"), Secret("token", ""));

        log.Variables.Should().HaveCount(3);
        log.Variables["db-password"].Should().Be(new PipelineVariable("db-password", "p;a]s%s", true, false));
        log.Variables["db_password"].Value.Should().Be("p;a]s%s");
        log.Variables["token"].Should().Be(new PipelineVariable("token", "", true, false));
        log.OutputVariables.Should().BeEmpty();
    }

    [Test]
    public void Output_variables_are_set_besides_the_job_variables()
    {
        var log = Publish(false, new PublishOptions(true, new MultilineSwitch(null)), null, Secret("a-b", "v"));

        log.Variables.Keys.Should().Equal("a-b");
        log.OutputVariables["a-b"].Should().Be(new PipelineVariable("a-b", "v", true, true));
    }

    [TestCase(null)]
    [TestCase("false")]
    [TestCase("true")]
    public void A_multiline_secret_is_allowed_for_its_own_command_only(string? jobSetting)
    {
        var pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\r\nabc\n-----END PRIVATE KEY-----\n";
        var log = Publish(true, new PublishOptions(true, new MultilineSwitch(jobSetting)), jobSetting,
            Secret("a-single", "one line"), Secret("cert-pem", pem), Secret("z", "last"));

        log.Refusals.Should().BeEmpty();
        log.Variables["cert-pem"].Value.Should().Be(pem);
        log.Variables["cert_pem"].Value.Should().Be(pem);
        log.OutputVariables["cert-pem"].Value.Should().Be(pem);
        log.MaskedValues.Should().Contain(["-----BEGIN PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "-----END PRIVATE KEY-----"]);
        log.MaskedValues.Should().NotContain("abc", "a three-character line would mask that text everywhere");
        log.FinalMultilineSwitch.Should().Be(jobSetting == "true" ? null : jobSetting ?? "", "a switch the job has on is never touched");
        if (jobSetting != "true")
        {
            log.SetWhileMultilineAllowed.Should().BeEquivalentTo("cert-pem", "cert_pem", "cert-pem", "cert_pem");
        }
    }

    [Test]
    public void Lines_are_registered_before_the_variable_is_set()
    {
        var log = Publish(false, new PublishOptions(false, new MultilineSwitch(null)), null, Secret("multi", "first line\nsecond line"));

        var events = log.Commands.Select(c => c.Event == "setvariable" ? c.Property("variable") : c.Event).ToList();
        events.Should().Equal("setsecret", "setsecret", "SYSTEM_UNSAFEALLOWMULTILINESECRET", "multi", "SYSTEM_UNSAFEALLOWMULTILINESECRET");
    }

    [Test]
    public void Without_the_switch_the_agent_would_refuse_a_multiline_secret()
    {
        // Guards the parser itself: the check above would be meaningless if it never refused anything.
        var log = AgentLog.Parse("##vso[task.setvariable variable=x;issecret=true]a%0Ab\n");

        log.Refusals.Should().ContainSingle();
        log.Variables.Should().BeEmpty();
    }
}
