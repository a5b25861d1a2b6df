using AkvTask.Network;

namespace AkvTask.Tests.Network;

public sealed class TrustStoreWarmUpTests
{
    [Test]
    public void The_end_of_the_step_waits_until_the_store_is_read()
    {
        Assume.That(OperatingSystem.IsLinux(), "the store is read ahead on Linux only");
        var before = ReaderThreads();
        var warmUp = TrustStoreWarmUp.Start(narrowing: null);

        warmUp.Dispose();

        // The OS thread may outlive the managed one that Dispose joined by a moment, never by the reading's length.
        var gone = SpinWait.SpinUntil(() => ReaderThreads() <= before, TimeSpan.FromMilliseconds(50));
        gone.Should().BeTrue("a step must not exit while the reading thread is inside OpenSSL");
    }

    /// <summary>The process's threads named as the reader is (Linux keeps the first 15 characters of a thread's name).</summary>
    private static int ReaderThreads() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Count(task => File.Exists(Path.Combine(task, "comm")) && ReadName(task).StartsWith("trust store war", StringComparison.Ordinal));

    private static string ReadName(string task)
    {
        try
        {
            return File.ReadAllText(Path.Combine(task, "comm")).Trim();
        }
        catch (IOException)
        {
            return ""; // the thread ended while it was being looked at
        }
    }
}
