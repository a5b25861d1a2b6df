using AkvTask.Agent;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.Tests.Agent;

public class LoggingCommandWriterTests
{
    [TestCase("plain", "plain")]
    [TestCase("a;b", "a%3Bb")]
    [TestCase("a]b", "a%5Db")]
    [TestCase("line1\nline2", "line1%0Aline2")]
    [TestCase("cr\rlf\r\n", "cr%0Dlf%0D%0A")]
    [TestCase("100%", "100%AZP25")]
    [TestCase("%AZP25", "%AZP25AZP25")]
    [TestCase("%3B", "%AZP253B")]
    public void Escape_follows_the_agent_rules(string value, string expected)
    {
        LoggingCommandWriter.Escape(value).Should().Be(expected);
    }

    [TestCase("")]
    [TestCase("%AZP25%3B%0D%0A%5D;]\r\n%")]
    [TestCase("\n##vso[task.setvariable variable=PATH]/tmp/evil")]
    [TestCase("ünïcødé 🔑 ;]%")]
    public void Escaped_values_decode_to_the_original(string value)
    {
        AgentLog.Unescape(LoggingCommandWriter.Escape(value)).Should().Be(value);
    }

    [Test]
    public void Set_variable_writes_properties_without_spaces_after_separators()
    {
        var output = new StringWriter();
        var writer = new LoggingCommandWriter(output, debug: false);

        writer.SetVariable("name", "v;a]l", isSecret: true, isOutput: true);

        output.ToString().Should().Be("##vso[task.setvariable variable=name;issecret=true;isoutput=true]v%3Ba%5Dl\n");
    }

    [Test]
    public void Plain_text_from_a_server_cannot_become_a_command()
    {
        var output = new StringWriter();
        var writer = new LoggingCommandWriter(output, debug: false);

        writer.Info("message from server\n##vso[task.setvariable variable=x]y and ##[error]z\r\nend");

        var log = AgentLog.Parse(output.ToString());
        log.Commands.Should().BeEmpty();
        log.PlainLines.Should().HaveCount(4, "three lines and the empty remainder after the last newline");
        log.PlainLines.Should().NotContain(line => line.StartsWith("##["));
    }

    [Test]
    public void Debug_lines_are_written_only_when_debug_is_on()
    {
        var quiet = new StringWriter();
        new LoggingCommandWriter(quiet, debug: false).Debug("detail");
        var verbose = new StringWriter();
        var writer = new LoggingCommandWriter(verbose, debug: true);
        writer.Debug("detail");

        quiet.ToString().Should().BeEmpty();
        verbose.ToString().Should().Be("##vso[task.debug]detail\n");
    }

    [Test]
    public void Complete_uses_the_result_name_the_agent_expects()
    {
        var output = new StringWriter();
        new LoggingCommandWriter(output, debug: false).Complete(TaskResult.SucceededWithIssues, "done; ok");

        var log = AgentLog.Parse(output.ToString());
        log.Result.Should().Be("SucceededWithIssues");
        log.ResultMessage.Should().Be("done; ok");
    }

    [Test]
    public void Each_line_goes_out_as_soon_as_it_is_written()
    {
        var stream = new MemoryStream();
        var log = new LoggingCommandWriter(new StreamWriter(stream, bufferSize: 1 << 16) { NewLine = "\n" }, debug: true);
        var written = new List<long>();

        log.Info("Reading secrets");
        written.Add(stream.Length);
        log.SetSecret("line of a secret");
        written.Add(stream.Length);
        log.Progress(40, "Reading secrets");
        written.Add(stream.Length);
        log.BeginGroup("detail");
        written.Add(stream.Length);
        log.Debug("timings");
        written.Add(stream.Length);

        written.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.NotContain(0, "nothing waits in a buffer");
        AgentLog.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Commands.Should().Contain(
            c => c.Area == "task" && c.Event == "setprogress" && c.Property("value") == "40" && c.Data == "Reading secrets");
    }
}
