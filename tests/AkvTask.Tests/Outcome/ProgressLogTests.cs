using AkvTask.Agent;
using AkvTask.Outcome;
using AkvTask.Secrets;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.Tests.Outcome;

public class ProgressLogTests
{
    [Test]
    public void Says_how_many_are_read_of_how_many_and_how_long_the_throttling_window_holds()
    {
        ProgressLog.Describe(new FetchProgress(312, 1000, AllFound: true, TimeSpan.FromSeconds(3.2)))
            .Should().Be("312 of 1,000 secret(s) read; waiting 4 s for the vault's throttling window.");
        ProgressLog.Describe(new FetchProgress(20, 75, AllFound: false, TimeSpan.Zero))
            .Should().Be("20 of the 75 secret(s) found so far read, still listing the vault.");
    }

    [Test]
    public void The_web_UI_gets_a_share_only_once_every_secret_is_found()
    {
        var output = new StringWriter();
        var log = new LoggingCommandWriter(output, debug: false);

        ProgressLog.Write(log, new FetchProgress(20, 75, AllFound: false, TimeSpan.Zero));
        ProgressLog.Write(log, new FetchProgress(30, 120, AllFound: true, TimeSpan.Zero));

        var agent = AgentLog.Parse(output.ToString());
        agent.Commands.Where(c => c.Event == "setprogress").Select(c => c.Property("value")).Should().Equal("25");
        agent.PlainLines.Where(line => line.Length > 0).Should().HaveCount(2);
    }
}
