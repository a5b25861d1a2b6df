using AkvTask.Errors;

namespace AkvTask.Tests.Errors;

public class ServerTextTests
{
    [TestCase(null, "no details")]
    [TestCase("", "")]
    [TestCase("one line", "one line")]
    [TestCase("  first \r\nsecond", "first")]
    [TestCase("first\rsecond", "first")]
    [TestCase("ClientSecretCredential authentication failed: \n\nAADSTS1: the reason.\r\nTrace ID: 1", "ClientSecretCredential authentication failed: AADSTS1: the reason.")]
    [TestCase("only a header:", "only a header:")]
    public void The_first_line_or_a_header_and_what_it_introduces(string? text, string expected) =>
        ServerText.FirstLine(text).Should().Be(expected);
}
