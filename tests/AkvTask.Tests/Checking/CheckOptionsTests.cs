using AkvTask.Agent;
using AkvTask.Checking;
using AkvTask.Publishing;

namespace AkvTask.Tests.Checking;

public class CheckOptionsTests
{
    [TestCase("my-vault", "https://my-vault.vault.azure.net/", "my-vault")]
    [TestCase("https://my-vault.vault.azure.cn/", "https://my-vault.vault.azure.cn/", "my-vault")]
    [TestCase("https://My-Vault.vault.usgovcloudapi.net", "https://my-vault.vault.usgovcloudapi.net/", "my-vault")]
    [TestCase("https://kv1.vault.azure.net:443/", "https://kv1.vault.azure.net/", "kv1")]
    public void A_vault_is_a_name_or_a_vault_URL_of_a_known_cloud(string vault, string uri, string name)
    {
        var options = CheckOptions.Parse(["--vault", vault]);

        options.Should().Be(new CheckOptions(new Uri(uri), name, "*", null, null, SecretFileFormat.Pfx));
    }

    [TestCase("evil.example/")]
    [TestCase("https://evil.example/")]
    [TestCase("https://my-vault.vault.azure.net.evil.example/")]
    [TestCase("https://user@my-vault.vault.azure.net/")]
    [TestCase("https://my-vault.vault.azure.net:8443/")]
    [TestCase("https://my-vault.vault.azure.net/secrets/x")]
    [TestCase("http://my-vault.vault.azure.net/")]
    [TestCase("https://a.vault.azure.net/")]
    [TestCase("my_vault")]
    public void Anything_else_is_refused_before_any_request(string vault)
    {
        FluentActions.Invoking(() => CheckOptions.Parse(["--vault", vault]))
            .Should().Throw<TaskInputException>().WithMessage($"'{vault}' is neither a vault's name*nor a vault URL of a known cloud*");
    }

    [Test]
    public void Arguments_that_are_not_understood_give_no_options()
    {
        CheckOptions.Parse(["--filter", "*"]).Should().BeNull();
        CheckOptions.Parse(["--vault"]).Should().BeNull();
        CheckOptions.Parse(["--vault", "kv1", "--colour", "red"]).Should().BeNull();
    }
}
