using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Tests.Publishing;

public class FilePlanTests
{
    private static FetchedSecret Secret(string name, string? contentType = null, params string[] files) =>
        new(name, "v", null, contentType, null, null, [], Requested: true) { Files = files.Length == 0 ? [name] : files };

    [Test]
    public void A_certificate_gets_the_extension_of_its_format_once_and_other_secrets_none()
    {
        var plan = FilePlan.Create(
            [Secret("web", "application/x-pkcs12"), Secret("pem-cert", "application/x-pem-file"), Secret("other", "application/x-pkcs12", "site.pfx"), Secret("kube", "text/yaml")],
            SecretFileFormat.Pfx, hyphenAliases: true, []);

        plan.Blocked.Should().BeFalse();
        plan.Files.Select(f => (f.FileName, f.Format)).Should().Equal(
            ("kube", SecretFileFormat.Value), ("pem-cert.pfx", SecretFileFormat.Pfx), ("site.pfx", SecretFileFormat.Pfx), ("web.pfx", SecretFileFormat.Pfx));
        FilePlan.Create([Secret("web", "application/x-pkcs12")], SecretFileFormat.Pem, true, []).Files.Single().FileName.Should().Be("web.pem");
    }

    [Test]
    public void Path_variables_are_the_entry_and_its_hyphen_alias()
    {
        var plan = FilePlan.Create([Secret("ssh-key"), Secret("x", null, "Kube-Config")], SecretFileFormat.Pfx, hyphenAliases: true, []);

        plan.Files.Select(f => f.PathVariables).Should().BeEquivalentTo(
            new[] { new[] { "Kube-Config.path", "Kube_Config.path" }, new[] { "ssh-key.path", "ssh_key.path" } }, o => o.WithStrictOrdering());
        FilePlan.Create([Secret("ssh-key")], SecretFileFormat.Pfx, hyphenAliases: false, []).Files.Single().PathVariables.Should().Equal("ssh-key.path");
    }

    [Test]
    public void Two_files_of_one_name_whatever_the_case_are_a_conflict()
    {
        var plan = FilePlan.Create([Secret("web", "application/x-pkcs12"), Secret("other", null, "WEB.pfx")], SecretFileFormat.Pfx, true, []);

        plan.Blocked.Should().BeTrue();
        plan.Conflicts.Should().ContainSingle().Which.Should().Be(new FileConflict("WEB.pfx", IsFile: true, "secret 'web'", "alias 'WEB.pfx' of secret 'other'"));
    }

    [Test]
    public void A_path_variable_may_not_take_a_variable_of_a_secret()
    {
        var plan = FilePlan.Create([Secret("cert")], SecretFileFormat.Pfx, true, ["cert.path"]);

        plan.Conflicts.Should().ContainSingle().Which.Target.Should().Be("cert.path");
    }

    [Test]
    public void A_listed_secret_whose_name_is_a_windows_device_is_refused()
    {
        var plan = FilePlan.Create([Secret("con")], SecretFileFormat.Pfx, true, []);

        plan.Blocked.Should().BeTrue();
        plan.UnsafeNames.Should().ContainSingle().Which.Secret.Should().Be("con");
    }
}
