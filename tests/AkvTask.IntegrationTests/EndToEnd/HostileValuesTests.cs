using System.Text;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>Every value arrives byte for byte, whatever it holds, and none is ever readable in the log.</summary>
public class HostileValuesTests : EndToEndTest
{
    internal static readonly Dictionary<string, string> Values = new()
    {
        ["semicolon"] = "user=admin;password=hunter2;",
        ["bracket"] = "array]close]]",
        ["percent"] = "100% sure %s %d %%",
        ["escape-lookalikes"] = "literal %AZP25 and %3B and %0A and %0D and %5D",
        ["carriage-return"] = "before\rafter-cr-line",
        ["line-feed"] = "first-line\nsecond-line",
        ["crlf"] = "windows-one\r\nwindows-two\r\n",
        ["injection"] = "harmless\n##vso[task.setvariable variable=PATH]/tmp/evil\n##[error]fake error line",
        ["non-ascii"] = "pässwörd-秘密-🔑-ключ",
        ["empty"] = "",
        ["punctuation-password"] = "user: deploy\n!@#$%^&*()_+\n}",
        ["json-doc"] = "{\n  \"user\": \"app\",\n  \"password\": \"p@ss;w]rd\",\n  \"nested\": { \"list\": [1, 2, 3] }\n}",
        ["pem"] = TestPem(),
        ["large"] = LargeValue(),
    };

    [Test]
    public async Task Every_value_arrives_unchanged_masked_and_under_its_alias()
    {
        foreach (var (name, value) in Values)
        {
            Vault.SetSecret(name, value);
        }

        var run = await Run(Agent("*"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded");
        run.Log.Refusals.Should().BeEmpty();
        foreach (var (name, value) in Values)
        {
            run.Log.Variables[name].Value.Should().Be(value, $"secret {name} arrives byte for byte");
            run.Log.Variables[name].IsSecret.Should().BeTrue();
            if (name.Contains('-'))
            {
                run.Log.Variables[name.Replace('-', '_')].Value.Should().Be(value);
            }
        }

        run.Log.Variables.Should().NotContainKey("PATH", "a value can never smuggle in a command");
        run.Log.Errors.Should().BeEmpty("a value can never smuggle in a command");
        run.Log.FinalMultilineSwitch.Should().Be("", "the job had no value of its own, so it is put back to empty");
        run.Log.SetWhileMultilineAllowed.Should().OnlyContain(variable => Values[variable.Replace('_', '-')].IndexOfAny(LineBreaks) >= 0,
            "only a multi-line secret's own command runs with the switch on");
        AssertNothingSecretInTheClear(run, Values.Values, ClientSecret);
    }

    [Test]
    public async Task The_job_setting_for_multiline_secrets_is_put_back_as_it_was()
    {
        Vault.SetSecret("pem", TestPem());

        var run = await Run(Agent("pem").JobVariable("SYSTEM_UNSAFEALLOWMULTILINESECRET", "false"));

        run.Log.Refusals.Should().BeEmpty();
        run.Log.Variables["pem"].Value.Should().Be(TestPem());
        run.Log.FinalMultilineSwitch.Should().Be("false");
    }

    [Test]
    public async Task A_job_variable_spelled_with_dots_is_not_the_switch_and_is_not_made_it()
    {
        Vault.SetSecret("pem", TestPem());

        // It reaches the task as SYSTEM_UNSAFEALLOWMULTILINESECRET=true, but the agent's switch is only the underscore name.
        var run = await Run(Agent("pem").JobVariable("System.UnsafeAllowMultilineSecret", "true"));

        run.Log.Refusals.Should().BeEmpty();
        run.Log.Variables["pem"].Value.Should().Be(TestPem());
        run.Log.FinalMultilineSwitch.Should().Be("", "the job had no switch of its own, so it goes back to empty, not on for the rest of the job");
    }

    [TestCase("1", false)]
    [TestCase("TRUE", false)]
    [TestCase("True", true)]
    public async Task A_switch_the_job_has_on_is_left_alone_a_secret_one_too(string value, bool isSecret)
    {
        Vault.SetSecret("pem", TestPem());

        var run = await Run(Agent("pem").JobVariable("SYSTEM_UNSAFEALLOWMULTILINESECRET", value, isSecret));

        run.Log.Refusals.Should().BeEmpty("the agent reads true and 1 in any case as on");
        run.Log.Variables["pem"].Value.Should().Be(TestPem());
        run.Log.FinalMultilineSwitch.Should().BeNull("the switch was on already, so the task never touches it");
    }

    [Test]
    public async Task A_secret_switch_that_is_off_is_put_back_as_a_secret()
    {
        Vault.SetSecret("pem", TestPem());

        var run = await Run(Agent("pem").JobVariable("system_unsafeallowmultilinesecret", "no", isSecret: true));

        run.Log.Refusals.Should().BeEmpty();
        run.Log.FinalMultilineSwitch.Should().Be("no");
        run.Log.Commands.Where(c => c.Event == "setvariable" && c.Property("variable") == AgentVariables.MultilineSwitch)
            .Should().HaveCount(2).And.OnlyContain(c => c.Flag("issecret"), "a secret stays a secret");
        run.Log.MaskedValues.Should().NotContain(["true", "TRUE", "True"], "a common word is never registered for masking");
    }

    [Test]
    public async Task Debug_output_tells_more_but_still_no_value()
    {
        foreach (var (name, value) in Values)
        {
            Vault.SetSecret(name, value);
        }

        var run = await Run(Agent("*").Set("SYSTEM_DEBUG", "true"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Commands.Should().Contain(c => c.Event == "debug");
        AssertNothingSecretInTheClear(run, Values.Values, ClientSecret);
    }

    internal static readonly char[] LineBreaks = ['\r', '\n'];

    private static string LargeValue()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 25 * 1024 - 64; i++)
        {
            text.Append($"chunk-{i:00000};%]é|");
        }

        return text.ToString();
    }

    internal static string TestPem() =>
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n" +
        "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n" +
        "NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa0VzMaQ8s+CLOyS56YyCFGeJZ\n" +
        "-----END PRIVATE KEY-----\n";
}
