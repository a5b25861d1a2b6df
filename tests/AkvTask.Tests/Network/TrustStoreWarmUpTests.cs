using AkvTask.Network;
using FluentAssertions;
using NUnit.Framework;

namespace AkvTask.Tests.Network;

public sealed class TrustStoreWarmUpTests
{
    [Test]
    public void The_end_of_the_step_waits_until_the_store_is_read()
    {
        var warmUp = TrustStoreWarmUp.Start(narrowing: null);

        warmUp.Dispose();

        warmUp.Finished.Should().BeTrue("a step must not exit while the reading thread is inside OpenSSL");
    }
}
