using AkvTask.Agent;

namespace AkvTask.Tests.Agent;

public class MultilineSwitchTests
{
    private static MultilineSwitch Read(params (string Name, string Value)[] variables) =>
        MultilineSwitch.Read(new AgentEnvironment(variables.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))));

    [Test]
    public void Only_the_job_variable_named_exactly_so_is_the_switch()
    {
        Read(("VSTS_PUBLIC_VARIABLES", """["System.UnsafeAllowMultilineSecret"]"""), ("SYSTEM_UNSAFEALLOWMULTILINESECRET", "true"))
            .Should().Be(new MultilineSwitch(JobValue: null), "a dotted name maps to the same environment name but is not the switch");
        Read(("VSTS_PUBLIC_VARIABLES", """["system_UnsafeAllowMultilineSecret"]"""), ("SYSTEM_UNSAFEALLOWMULTILINESECRET", "false"))
            .Should().Be(new MultilineSwitch("false"), "variable names are case-insensitive");
        Read(("VSTS_PUBLIC_VARIABLES", "[]"), ("VSTS_SECRET_VARIABLES", """["SYSTEM_UNSAFEALLOWMULTILINESECRET"]"""),
                ("SECRET_SYSTEM_UNSAFEALLOWMULTILINESECRET", "1"))
            .Should().Be(new MultilineSwitch("1", IsSecret: true));
    }

    [Test]
    public void Without_the_lists_of_the_jobs_variables_the_environment_is_all_there_is()
    {
        Read(("SYSTEM_UNSAFEALLOWMULTILINESECRET", "false")).Should().Be(new MultilineSwitch("false"));
        Read(("VSTS_PUBLIC_VARIABLES", "not json"), ("SYSTEM_UNSAFEALLOWMULTILINESECRET", "x")).Should().Be(new MultilineSwitch("x"));
    }

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("1", true)]
    [TestCase(" true", false)]
    [TestCase("yes", false)]
    [TestCase("0", false)]
    [TestCase(null, false)]
    public void It_is_on_as_the_agent_reads_it(string? value, bool on) => new MultilineSwitch(value).IsOn.Should().Be(on);
}
