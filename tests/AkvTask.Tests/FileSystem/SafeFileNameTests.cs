using AkvTask.FileSystem;

namespace AkvTask.Tests.FileSystem;

public class SafeFileNameTests
{
    [TestCase("web-cert")]
    [TestCase("site.pfx")]
    [TestCase("Kube_Config")]
    [TestCase("console")]
    [TestCase("com10")]
    [TestCase("a.b.c")]
    public void Ordinary_names_are_safe(string name) => SafeFileName.Problem(name).Should().BeNull();

    [TestCase("", "1 to 200")]
    [TestCase("../x", "path separator")]
    [TestCase("a/b", "path separator")]
    [TestCase(@"a\b", "path separator")]
    [TestCase("c:x", "path separator")]
    [TestCase("..", "'..'")]
    [TestCase("a..b", "'..'")]
    [TestCase(".bashrc", "starts with a dot")]
    [TestCase("name.", "ends with a dot")]
    [TestCase("name ", "ends with a dot")]
    [TestCase("tab\tname", "control character")]
    [TestCase("CON", "reserved on Windows")]
    [TestCase("nul.pfx", "reserved on Windows")]
    [TestCase("Com1", "reserved on Windows")]
    [TestCase("lpt9.pem", "reserved on Windows")]
    [TestCase("aux", "reserved on Windows")]
    public void Unsafe_names_say_why(string name, string reason) => SafeFileName.Problem(name).Should().Contain(reason);

    [Test]
    public void Long_names_are_refused() => SafeFileName.Problem(new string('a', 201)).Should().NotBeNull();
}
