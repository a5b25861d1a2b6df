using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AkvTask.IntegrationTests.TaskRunning;
using AkvTask.TestSupport.AgentOutput;
using AkvTask.TestSupport.FakeAzure;

namespace AkvTask.IntegrationTests.EndToEnd;

/// <summary>
/// SecretFiles end to end: the task run through node task/run.js writes files into a private folder, hands the folder
/// to its post-job stage (node task/runpostjob.js), which removes it.
/// </summary>
public class SecretFilesTests : EndToEndTest
{
    private const string FolderVariable = "KEYVAULTSECRETS_FILES_FOLDER";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    private static readonly string SshKey =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\r\n" +
        "QyNTUxOQAAACDx3qVnJ5fKs9W4p%AZP25;]##vso[task.complete result=Failed]\n}\n-----END OPENSSH PRIVATE KEY-----";

    private static readonly string Kubeconfig = "apiVersion: v1\nclusters:\n- cluster:\n    server: https://k8s.example:6443\n  name: prod ключ ✓\n";

    [Test]
    public async Task A_plain_secret_is_written_byte_for_byte_with_its_path_in_non_secret_variables()
    {
        Vault.SetSecret("ssh-key", SshKey);
        Vault.SetSecret("kubeconfig", Kubeconfig);
        Vault.SetSecret("api-token", "tok-123456");

        var run = await Run(Agent("api-token").Input("SecretFiles", "ssh-key\nKube-Config=kubeconfig"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Result.Should().Be("Succeeded");
        var folder = FolderOf(run);
        var sshPath = Path.Combine(folder, "ssh-key");
        var kubePath = Path.Combine(folder, "Kube-Config");
        File.ReadAllBytes(sshPath).Should().Equal(Encoding.UTF8.GetBytes(SshKey), "the value's UTF-8 bytes, no newline added");
        File.ReadAllBytes(kubePath).Should().Equal(Encoding.UTF8.GetBytes(Kubeconfig));
        Directory.GetFiles(folder).Should().HaveCount(2);

        run.Log.Variables["ssh-key.path"].Should().Be(new PipelineVariable("ssh-key.path", sshPath, IsSecret: false, IsOutput: false));
        run.Log.Variables["ssh_key.path"].Should().Be(new PipelineVariable("ssh_key.path", sshPath, IsSecret: false, IsOutput: false));
        run.Log.Variables["Kube-Config.path"].Value.Should().Be(kubePath);
        run.Log.Variables["Kube_Config.path"].Value.Should().Be(kubePath);
        run.Log.Variables.Should().NotContainKeys(["ssh-key", "kubeconfig", "Kube-Config"], "a secret listed only in SecretFiles is not a variable");
        run.Log.Variables["api-token"].Value.Should().Be("tok-123456");
        run.Log.OutputVariables.Should().BeEmpty();
        Path.GetDirectoryName(folder).Should().Be(Path.GetFullPath(TestTemp()).TrimEnd(Path.DirectorySeparatorChar), "under AGENT_TEMPDIRECTORY");
        AssertNothingSecretInTheClear(run, [SshKey, Kubeconfig, "tok-123456"], ClientSecret);
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task The_folder_is_the_owners_alone_and_so_is_every_file_from_its_creation()
    {
        Vault.SetSecret("one", "1111-one");
        Vault.SetSecret("two", "2222-two");

        var run = await Run(Agent("one").Input("SecretFiles", "one, two"));

        run.ExitCode.Should().Be(0, run.ToString());
        var folder = FolderOf(run);
        File.GetUnixFileMode(folder).Should().Be(OwnerOnlyFolder);
        foreach (var file in Directory.GetFiles(folder))
        {
            File.GetUnixFileMode(file).Should().Be(OwnerReadWrite, file);
        }
    }

    [Test]
    public async Task Every_line_of_a_file_is_registered_for_masking_before_the_file_is_written()
    {
        Vault.SetSecret("ssh-key", SshKey);
        Vault.SetSecret("short", "abc");

        var run = await Run(Agent("none-*").Input("SecretFiles", "ssh-key, short"));

        run.ExitCode.Should().Be(0, run.ToString());
        var commands = run.Log.Commands.ToList();
        var handedOver = commands.FindIndex(c => c.Event == "settaskvariable");
        handedOver.Should().BeGreaterThanOrEqualTo(0);
        foreach (var (file, value) in new[] { ("ssh-key", SshKey), ("short", "abc") })
        {
            var pathSet = commands.FindIndex(c => c.Event == "setvariable" && c.Property("variable") == file + ".path");
            var masks = MaskableParts(value).DefaultIfEmpty(value).ToList();
            foreach (var mask in masks)
            {
                var registered = commands.FindIndex(c => c.Event == "setsecret" && c.Data == mask);
                registered.Should().BeGreaterThan(handedOver, "the post-job stage knows the folder before any file is in it");
                registered.Should().BeLessThan(pathSet, $"'{mask}' is masked before {file} is written");
            }
        }

        AssertNothingSecretInTheClear(run, [SshKey], ClientSecret);
    }

    [Test]
    public async Task A_secret_listed_in_both_lists_is_read_once_and_is_both_a_variable_and_a_file()
    {
        Vault.SetSecret("db-password", "p@ss;w]rd%");

        var run = await Run(Agent("db-password").Input("SecretFiles", "db-password"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Log.Variables["db-password"].Should().Be(new PipelineVariable("db-password", "p@ss;w]rd%", true, false));
        File.ReadAllText(run.Log.Variables["db-password.path"].Value).Should().Be("p@ss;w]rd%");
        Azure.Requests.Snapshot().Count(r => r.Kind == RequestKind.SecretGet && r.Status == 200).Should().Be(1, "one read serves both lists");
    }

    [Test]
    public async Task Patterns_and_exclusions_select_files_as_they_select_variables()
    {
        Vault.SetSecret("cfg-app", "app-settings");
        Vault.SetSecret("cfg-old", "old-settings");
        Vault.SetSecret("other", "x-other");
        Vault.SetSecret("cfg-off", "disabled-one", enabled: false);

        var run = await Run(Agent("other").Input("SecretFiles", "cfg-*, !cfg-old"));

        run.ExitCode.Should().Be(0, run.ToString());
        Directory.GetFiles(FolderOf(run)).Select(Path.GetFileName).Should().BeEquivalentTo(["cfg-app"]);
        run.Log.Variables.Keys.Should().BeEquivalentTo("other", "cfg-app.path", "cfg_app.path");
        run.Log.PlainLines.Should().Contain(line => line.Contains("Skipped secret 'cfg-off': disabled"));
    }

    [Test]
    public async Task A_pfx_certificate_is_written_as_its_decoded_pfx_and_loads_back_with_the_same_certificate_and_key()
    {
        using var certificate = KeyVaultCertificate.Create("signing.example");
        var value = certificate.Pkcs12Value();
        Vault.SetSecret("code-signing", value, KeyVaultCertificate.Pkcs12ContentType, managed: true);

        var run = await Run(Agent("none-*").Input("SecretFiles", "code-signing"));

        run.ExitCode.Should().Be(0, run.ToString());
        var path = run.Log.Variables["code-signing.path"].Value;
        Path.GetFileName(path).Should().Be("code-signing.pfx");
        run.Log.Variables["code_signing.path"].Value.Should().Be(path);
        var bytes = File.ReadAllBytes(path);
        bytes.Should().Equal(Convert.FromBase64String(value), "the PFX bytes, not the base64 text");
        using var loaded = X509CertificateLoader.LoadPkcs12(bytes, password: null, X509KeyStorageFlags.Exportable);
        loaded.Thumbprint.Should().Be(certificate.Leaf.Thumbprint);
        loaded.HasPrivateKey.Should().BeTrue();
        SameKey(loaded, certificate.Leaf).Should().BeTrue();
        run.Log.MaskedValues.Should().Contain(value, "printing the file as base64 is masked");
        AssertNothingSecretInTheClear(run, [value], ClientSecret);
    }

    [Test]
    public async Task A_given_version_is_written_under_the_secrets_name()
    {
        var old = Vault.SetSecret("deploy-key", "old-key-value");
        Vault.SetSecret("deploy-key", "new-key-value");

        var run = await Run(Agent("deploy-key").Input("SecretFiles", $"deploy-key/{old}, Current=deploy-key"));

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(run.Log.Variables["deploy-key.path"].Value).Should().Be("old-key-value");
        File.ReadAllText(run.Log.Variables["Current.path"].Value).Should().Be("new-key-value");
        run.Log.Variables["deploy-key"].Value.Should().Be("new-key-value", "the variable list is read on its own terms");
    }

    [Test]
    public async Task The_extension_is_not_added_twice()
    {
        using var certificate = KeyVaultCertificate.Create("web.example");
        Vault.SetSecret("web-cert", certificate.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);

        var run = await Run(Agent("none-*").Input("SecretFiles", "site.pfx=web-cert"));

        run.ExitCode.Should().Be(0, run.ToString());
        Path.GetFileName(run.Log.Variables["site.pfx.path"].Value).Should().Be("site.pfx");
    }

    [Test]
    public async Task As_pem_a_pfx_certificate_is_its_key_then_the_leaf_then_the_chain_in_order()
    {
        using var certificate = KeyVaultCertificate.Create("tls.example");
        Vault.SetSecret("tls", certificate.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);

        var run = await Run(Agent("none-*").Input("SecretFiles", "tls").Input("CertificateFormat", "pem"));

        run.ExitCode.Should().Be(0, run.ToString());
        var path = run.Log.Variables["tls.path"].Value;
        Path.GetFileName(path).Should().Be("tls.pem");
        var pem = File.ReadAllText(path);
        var blocks = PemBlocks(pem);
        blocks.Select(b => b.Label).Should().Equal("PRIVATE KEY", "CERTIFICATE", "CERTIFICATE", "CERTIFICATE");
        var certificates = blocks.Skip(1).Select(b => X509Certificate2.CreateFromPem(b.Text)).ToList();
        certificates.Select(c => c.Thumbprint).Should().Equal(certificate.Leaf.Thumbprint, certificate.Intermediate.Thumbprint, certificate.Root.Thumbprint);
        using var withKey = X509Certificate2.CreateFromPem(blocks[1].Text, blocks[0].Text);
        SameKey(withKey, certificate.Leaf).Should().BeTrue("the key is the leaf's, unencrypted PKCS#8");
        AssertNothingSecretInTheClear(run, [pem], ClientSecret);
    }

    [Test]
    public async Task A_pem_certificate_is_written_as_it_is_or_converted_to_a_password_less_pfx()
    {
        using var certificate = KeyVaultCertificate.Create("pem.example", ecdsa: true);
        var pem = certificate.PemValue();
        Vault.SetSecret("pem-cert", pem, KeyVaultCertificate.PemContentType, managed: true);

        var asPem = await Run(Agent("none-*").Input("SecretFiles", "pem-cert").Input("CertificateFormat", "pem"));
        var asPfx = await Run(Agent("none-*").Input("SecretFiles", "pem-cert"));

        asPem.ExitCode.Should().Be(0, asPem.ToString());
        File.ReadAllBytes(asPem.Log.Variables["pem-cert.path"].Value).Should().Equal(Encoding.UTF8.GetBytes(pem));
        asPfx.ExitCode.Should().Be(0, asPfx.ToString());
        var pfxPath = asPfx.Log.Variables["pem-cert.path"].Value;
        Path.GetFileName(pfxPath).Should().Be("pem-cert.pfx");
        var bytes = File.ReadAllBytes(pfxPath);
        var loaded = X509CertificateLoader.LoadPkcs12Collection(bytes, password: null, X509KeyStorageFlags.Exportable);
        loaded.Select(c => c.Thumbprint).Should().BeEquivalentTo([certificate.Leaf.Thumbprint, certificate.Intermediate.Thumbprint, certificate.Root.Thumbprint]);
        var leaf = loaded.Single(c => c.HasPrivateKey);
        leaf.Thumbprint.Should().Be(certificate.Leaf.Thumbprint);
        SameKey(leaf, certificate.Leaf).Should().BeTrue();
        asPfx.Log.MaskedValues.Should().Contain(Convert.ToBase64String(bytes));
        AssertNothingSecretInTheClear(asPem, [pem], ClientSecret);
    }

    [TestCase("pfx")]
    [TestCase("pem")]
    public async Task A_certificate_whose_key_is_not_exportable_fails_with_its_cause_and_the_others_are_still_written(string format)
    {
        using var certificate = KeyVaultCertificate.Create("hsm.example");
        Vault.SetSecret("hsm-cert", certificate.Pkcs12ValueWithoutKey(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("plain", "plain-value");

        var run = await Run(Agent("none-*").Input("SecretFiles", "hsm-cert, plain").Input("CertificateFormat", format));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Result.Should().Be("Failed");
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("'hsm-cert'").And.Contain("without its private key").And.Contain("Exportable");
        run.Log.ResultMessage.Should().Contain("1 file(s) could not be written");
        run.Log.Variables.Keys.Should().BeEquivalentTo("plain.path");
        Directory.GetFiles(FolderOf(run)).Select(Path.GetFileName).Should().Equal("plain");
    }

    [Test]
    public async Task The_post_job_stage_removes_the_folder_and_every_file_in_it()
    {
        using var certificate = KeyVaultCertificate.Create("cleanup.example");
        Vault.SetSecret("cert", certificate.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("key", "k-value");
        var run = await Run(Agent("key").Input("SecretFiles", "cert, key, Other=key"));
        run.ExitCode.Should().Be(0, run.ToString());
        var folder = FolderOf(run);
        Directory.GetFiles(folder).Should().HaveCount(3);
        Azure.Requests.Clear();

        var postJob = await Run(Agent("key").Input("SecretFiles", "cert").Set("VSTS_TASKVARIABLE_" + FolderVariable, folder), TaskLauncher.PostJobEntry);

        postJob.ExitCode.Should().Be(0, postJob.ToString());
        postJob.Log.Result.Should().Be("Succeeded");
        Directory.Exists(folder).Should().BeFalse();
        postJob.Log.ResultMessage.Should().Contain("Removed 3 secret file(s)").And.Contain(folder);
        Azure.Requests.Count.Should().Be(0, "cleaning up needs no vault");

        var again = await Run(Agent("key").Set("VSTS_TASKVARIABLE_" + FolderVariable, folder), TaskLauncher.PostJobEntry);
        again.ExitCode.Should().Be(0, again.ToString());
        again.Log.Result.Should().Be("Succeeded");
        again.Log.ResultMessage.Should().Contain("already gone");
    }

    [Test]
    public async Task The_post_job_stage_skips_when_no_file_was_written_and_never_removes_a_folder_it_did_not_make()
    {
        var nothing = await Run(Agent("key"), TaskLauncher.PostJobEntry);
        var elsewhere = Directory.CreateDirectory(Path.Combine(TestTemp(), "not-ours")).FullName;
        var foreign = await Run(Agent("key").Set("VSTS_TASKVARIABLE_" + FolderVariable, elsewhere), TaskLauncher.PostJobEntry);

        nothing.ExitCode.Should().Be(0, nothing.ToString());
        nothing.Log.Result.Should().Be("Skipped");
        foreign.ExitCode.Should().Be(0, foreign.ToString());
        foreign.Log.Result.Should().Be("SucceededWithIssues");
        Directory.Exists(elsewhere).Should().BeTrue();
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public async Task A_file_that_cannot_be_removed_is_a_warning()
    {
        Vault.SetSecret("key", "k-value");
        var run = await Run(Agent("none-*").Input("SecretFiles", "key"));
        var folder = FolderOf(run);
        var file = Path.Combine(folder, "key");
        using var _ = Undeletable(file);
        {
            var postJob = await Run(Agent("key").Set("VSTS_TASKVARIABLE_" + FolderVariable, folder), TaskLauncher.PostJobEntry);

            postJob.ExitCode.Should().Be(0, postJob.ToString());
            postJob.Log.Result.Should().Be("SucceededWithIssues");
            postJob.Log.Warnings.Should().ContainSingle().Which.Should().Contain(file);
            File.Exists(file).Should().BeTrue();
        }
    }

    /// <summary>
    /// Makes a file that the task's user cannot delete: a folder without write permission stops anyone but root, and
    /// root is stopped by the immutable attribute (ext4, xfs, btrfs).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static IDisposable Undeletable(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            return new Restore(() => File.SetUnixFileMode(folder, OwnerOnlyFolder));
        }

        Chattr("+i", file);
        return new Restore(() => Chattr("-i", file));
    }

    private static void Chattr(string change, string file)
    {
        using var chattr = System.Diagnostics.Process.Start("chattr", [change, file]);
        chattr.WaitForExit(10_000).Should().BeTrue();
        chattr.ExitCode.Should().Be(0, $"chattr {change} makes the file undeletable even for root");
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    [Test]
    public async Task Files_written_before_the_job_are_removed_by_the_same_post_job_stage()
    {
        Vault.SetSecret("key", "k-value");
        var agent = Agent("none-*").Input("SecretFiles", "key").Input("RunAsPreJob", "true");

        var preJob = await Run(agent, TaskLauncher.PreJobEntry);
        var job = await Run(agent, TaskLauncher.JobEntry);
        var folder = FolderOf(preJob);
        File.ReadAllText(Path.Combine(folder, "key")).Should().Be("k-value");
        var postJob = await Run(agent.Set("VSTS_TASKVARIABLE_" + FolderVariable, folder), TaskLauncher.PostJobEntry);

        job.Log.Result.Should().Be("Skipped");
        job.Log.Commands.Should().NotContain(c => c.Event == "settaskvariable");
        postJob.Log.Result.Should().Be("Succeeded", postJob.ToString());
        Directory.Exists(folder).Should().BeFalse();
    }

    [TestCase("../escape=key", "'../escape'")]
    [TestCase(@"..\escape=key", "path separator")]
    [TestCase("dir/file=key", "path separator")]
    [TestCase("con=key", "reserved on Windows")]
    [TestCase("lpt1.pem=key", "reserved on Windows")]
    [TestCase("nul", "reserved on Windows")]
    [TestCase("trailing.=key", "ends with a dot")]
    [TestCase(".hidden=key", "starts with a dot")]
    public async Task An_unsafe_file_name_fails_before_any_request_and_nothing_is_set(string entry, string expected)
    {
        Vault.SetSecret("key", "k-value");

        var run = await Run(Agent("key").Input("SecretFiles", "key-file=key\n" + entry));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Result.Should().Be("Failed");
        run.Log.ResultMessage.Should().Contain("SecretFiles entry").And.Contain(expected);
        Azure.Requests.Count.Should().Be(0);
        run.Log.Variables.Should().BeEmpty();
        run.Log.Commands.Should().NotContain(c => c.Event == "settaskvariable");
    }

    [Test]
    public async Task Two_entries_for_one_file_name_fail_before_any_request()
    {
        var run = await Run(Agent("key").Input("SecretFiles", "Same=key, same=other"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.ResultMessage.Should().Contain("would both write the file");
        Azure.Requests.Count.Should().Be(0);
    }

    [Test]
    public async Task A_collision_only_the_content_type_reveals_fails_before_anything_is_set_or_written()
    {
        using var certificate = KeyVaultCertificate.Create("clash.example");
        Vault.SetSecret("web", certificate.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("other", "o-value");

        var before = FileFolders();
        var run = await Run(Agent("other").Input("SecretFiles", "web, web.pfx=other"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.Errors.Should().ContainSingle().Which.Should().Contain("would both write the file 'web.pfx'");
        run.Log.Variables.Should().BeEmpty("nothing is set when the files clash");
        run.Log.Commands.Should().NotContain(c => c.Event == "settaskvariable" || c.Event == "setsecret");
        FileFolders().Should().BeEquivalentTo(before, "no folder was made");
    }

    [Test]
    public async Task An_invalid_secrets_filter_sets_and_writes_nothing()
    {
        Vault.SetSecret("key", "k-value");

        var before = FileFolders();
        var run = await Run(Agent("bad name!").Input("SecretFiles", "key"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Log.ResultMessage.Should().Contain("'bad name!'");
        Azure.Requests.Count.Should().Be(0);
        run.Log.Variables.Should().BeEmpty();
        FileFolders().Should().BeEquivalentTo(before, "no folder was made");
    }

    [Test]
    public async Task A_missing_secret_in_the_files_list_follows_OnMissingSecret()
    {
        Vault.SetSecret("key", "k-value");

        var failing = await Run(Agent("none-*").Input("SecretFiles", "key, missing-file"));
        var warning = await Run(Agent("none-*").Input("SecretFiles", "key, missing-file").Input("OnMissingSecret", "warn"));

        failing.ExitCode.Should().Be(1, failing.ToString());
        failing.Log.Errors.Should().ContainSingle().Which.Should().Contain("'missing-file'");
        failing.Log.Variables.Should().ContainKey("key.path", "the others are still written");
        warning.ExitCode.Should().Be(0, warning.ToString());
        warning.Log.Result.Should().Be("SucceededWithIssues");
    }

    [Test]
    public async Task The_summary_lists_the_files_by_name_and_format_never_their_content()
    {
        using var certificate = KeyVaultCertificate.Create("summary.example");
        Vault.SetSecret("signing", certificate.Pkcs12Value(), KeyVaultCertificate.Pkcs12ContentType, managed: true);
        Vault.SetSecret("ssh-key", SshKey);

        var run = await Run(Agent("none-*").Input("SecretFiles", "signing, ssh-key"));

        run.ExitCode.Should().Be(0, run.ToString());
        var summary = File.ReadAllText(run.Log.Commands.Single(c => c.Event == "uploadsummary").Data);
        summary.Should().Contain("| signing.pfx | signing | certificate as PFX |").And.Contain("| ssh-key | ssh-key | value |");
        summary.Should().Contain("`$(ssh-key.path)`");
        foreach (var line in MaskableParts(SshKey).Append(certificate.Pkcs12Value()))
        {
            summary.Should().NotContain(line);
        }
    }

    /// <summary>The task's folders in this test's temp folder (which earlier runs of the same test may have left).</summary>
    private static string[] FileFolders() => Directory.GetDirectories(TestTemp(), "keyvaultsecrets-files-*");

    private static string FolderOf(TaskRun run) =>
        run.Log.Commands.Single(c => c.Event == "settaskvariable" && c.Property("variable") == FolderVariable).Data;

    private static bool SameKey(X509Certificate2 loaded, X509Certificate2 expected)
    {
        var data = Encoding.UTF8.GetBytes("proof of the private key");
        if (expected.GetECDsaPublicKey() is { } ecdsa)
        {
            using var signer = loaded.GetECDsaPrivateKey()!;
            return ecdsa.VerifyData(data, signer.SignData(data, HashAlgorithmName.SHA256), HashAlgorithmName.SHA256);
        }

        using var rsa = loaded.GetRSAPrivateKey()!;
        using var verifier = expected.GetRSAPublicKey()!;
        return verifier.VerifyData(data, rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static List<(string Label, string Text)> PemBlocks(string pem)
    {
        var blocks = new List<(string, string)>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            blocks.Add((rest[fields.Label].ToString(), rest[fields.Location].ToString()));
            rest = rest[fields.Location.End..];
        }

        return blocks;
    }
}
