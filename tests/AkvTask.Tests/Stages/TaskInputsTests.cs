using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Stages;
using AkvTask.Tests.Package;

namespace AkvTask.Tests.Stages;

public class TaskInputsTests
{
    private static AgentEnvironment Environment(params (string Name, string Value)[] inputs) =>
        new(inputs.Select(input => new KeyValuePair<string, string>("INPUT_" + input.Name.ToUpperInvariant(), input.Value))
            .Append(new("INPUT_CONNECTEDSERVICENAME", "id"))
            .Append(new("INPUT_KEYVAULTNAME", "my-vault")));

    [Test]
    public void An_input_left_out_takes_the_default_task_json_gives_it()
    {
        var read = TaskInputs.Read(Environment());
        var checkedInputs = 0;
        foreach (var input in PackageSources.TaskJson()["inputs"]!.AsArray())
        {
            if (input!["defaultValue"] is not { } defaultValue)
            {
                continue;
            }

            var name = (string)input["name"]!;
            var asRead = typeof(TaskInputs).GetProperty(name)?.GetValue(read);
            asRead.Should().NotBeNull($"the program reads the input {name}");
            asRead!.ToString()!.Should().BeEquivalentTo(defaultValue.ToString(), $"task.json and the program agree on the default of {name}");
            checkedInputs++;
        }

        checkedInputs.Should().BeGreaterThan(5);
    }

    [Test]
    public void An_input_given_as_the_agent_gives_it_is_read_by_its_task_json_name()
    {
        var read = TaskInputs.Read(Environment(
            ("SecretsFilter", " a, b "), ("RunAsPreJob", "True"), ("HyphenAliases", "false"), ("OutputVariables", " true "),
            ("OnMissingSecret", "Warn"), ("WarnExpiringWithinDays", "0"), ("SecretFiles", "cert\nkey"), ("CertificateFormat", "PEM")));

        read.Should().Be(new TaskInputs("id", "my-vault", " a, b ", true, false, true, MissingSecretPolicy.Warn, 0, "cert\nkey", SecretFileFormat.Pem));
    }

    [TestCase("OnMissingSecret", "ignore", "*'OnMissingSecret' must be fail or warn, not 'ignore'*")]
    [TestCase("WarnExpiringWithinDays", "-1", "*'WarnExpiringWithinDays' must be a whole number of days from 0 to 3650, not '-1'*")]
    [TestCase("WarnExpiringWithinDays", "3651", "*from 0 to 3650*")]
    [TestCase("OutputVariables", "1", "*'OutputVariables' must be true or false, not '1'*")]
    [TestCase("CertificateFormat", "p12", "*'CertificateFormat' must be pfx or pem, not 'p12'*")]
    public void A_malformed_input_is_named_with_what_it_may_be(string input, string value, string message) =>
        FluentActions.Invoking(() => TaskInputs.Read(Environment((input, value))))
            .Should().Throw<TaskInputException>().WithMessage(message);
}
