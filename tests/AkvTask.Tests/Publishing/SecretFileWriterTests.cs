using System.Text;
using AkvTask.Agent;
using AkvTask.Publishing;
using AkvTask.Secrets;
using AkvTask.TestSupport.AgentOutput;

namespace AkvTask.Tests.Publishing;

public class SecretFileWriterTests
{
    /// <summary>What had reached the agent (been flushed) and which files existed, at each flush.</summary>
    private sealed class FlushRecorder : StringWriter
    {
        public List<(string Output, string[] Files)> Flushes { get; } = [];

        public override void Flush()
        {
            var output = ToString();
            var folder = AgentLog.Parse(output).Commands.FirstOrDefault(c => c.Event == "settaskvariable")?.Data;
            Flushes.Add((output, folder is not null && Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToArray() : []));
        }
    }

    private static FetchedSecret Secret(string name, string value) =>
        new(name, value, null, null, null, null, [], Requested: true) { Files = [name] };

    [Test]
    public void Each_file_is_masked_in_output_the_agent_already_has_before_the_file_exists()
    {
        var temp = Directory.CreateTempSubdirectory("akv-writer-").FullName;
        var output = new FlushRecorder();
        var plan = PublishPlan.Create([Secret("first", "line-one-secret\nline-two-secret"), Secret("second", "single-secret")], true, SecretFileFormat.Pfx);

        var outcome = new SecretFileWriter(new LoggingCommandWriter(output, debug: false)).Write(plan, temp);

        outcome.Files.Should().HaveCount(2);
        outcome.Folder.Should().StartWith(temp);
        foreach (var (file, masks) in new[] { ("first", new[] { "line-one-secret", "line-two-secret" }), ("second", new[] { "single-secret" }) })
        {
            var firstWithFile = output.Flushes.FindIndex(f => f.Files.Contains(file));
            firstWithFile.Should().BeGreaterThan(0, $"{file} was written after a flush");
            var before = AgentLog.Parse(output.Flushes[firstWithFile - 1].Output);
            output.Flushes[firstWithFile - 1].Files.Should().NotContain(file);
            before.MaskedValues.Should().Contain(masks, $"the masks of {file} reached the agent before {file} existed");
            before.Commands.Should().Contain(c => c.Event == "settaskvariable" && c.Data == outcome.Folder, "the post-job stage knows the folder first");
        }

        Directory.Delete(temp, recursive: true);
    }

    [Test]
    public void A_blocked_plan_writes_nothing_and_creates_no_folder()
    {
        var temp = Directory.CreateTempSubdirectory("akv-writer-").FullName;
        var output = new StringWriter();
        var plan = PublishPlan.Create([Secret("con", "x")], true, SecretFileFormat.Pfx);

        var outcome = new SecretFileWriter(new LoggingCommandWriter(output, debug: false)).Write(plan, temp);

        outcome.Folder.Should().BeNull();
        Directory.GetFileSystemEntries(temp).Should().BeEmpty();
        output.ToString().Should().BeEmpty();
        Directory.Delete(temp);
    }
}
