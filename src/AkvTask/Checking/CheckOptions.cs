using AkvTask.Agent;
using AkvTask.Authentication;
using AkvTask.Outcome;
using AkvTask.Publishing;
using AkvTask.Secrets;

namespace AkvTask.Checking;

/// <summary>The arguments of <c>AkvTask check</c>.</summary>
/// <param name="Files">The SecretFiles list to check, or null.</param>
internal sealed record CheckOptions(Uri VaultUri, string VaultName, string Filter, string? TenantId, string? Files, SecretFileFormat CertificateFormat)
{
    /// <summary>The command's lines in the program's help.</summary>
    public static string Usage => $"""
          AkvTask check --vault NAME [--filter FILTER] [--files FILTER] [--certificate-format {string.Join('|', SecretFileFormat.CertificateFormats)}] [--tenant TENANT]
              Sign in as you (Azure CLI, environment credentials, managed identity...) and show, without values,
              what the pipeline task would do with that filter: which secrets it would set under which variables,
              which files it would write (--files, as the SecretFiles input), which it would skip and which would fail,
              and how to fix them. Exit code 0 only if the task would succeed.
              NAME is the vault's name (public cloud) or its URL (https://NAME.vault.azure.cn/ for other clouds).
        """;

    /// <summary>Null when the arguments are not understood; the caller prints the usage.</summary>
    /// <exception cref="TaskInputException">The vault is neither a name nor a vault URL of a known cloud.</exception>
    public static CheckOptions? Parse(IReadOnlyList<string> args)
    {
        string? vault = null, filter = null, tenant = null, files = null;
        var format = SecretFileFormat.DefaultCertificateFormat;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count)
            {
                return null;
            }

            switch (args[i])
            {
                case "--vault": vault = args[i + 1]; break;
                case "--filter": filter = args[i + 1]; break;
                case "--tenant": tenant = args[i + 1]; break;
                case "--files": files = args[i + 1]; break;
                case "--certificate-format" when SecretFileFormat.CertificateFormat(args[i + 1]) is { } named: format = named; break;
                default: return null;
            }
        }

        if (vault is null)
        {
            return null;
        }

        var (vaultUri, vaultName) = Vault(vault);
        return new CheckOptions(vaultUri, vaultName, filter ?? SecretFilter.Everything, tenant, files, format);
    }

    /// <summary>
    /// A name is a public-cloud vault; other clouds' vaults are given by URL. Nothing else is ever sent a token: a URL
    /// must be a vault's in a known cloud, with nothing after its host.
    /// </summary>
    private static (Uri Uri, string Name) Vault(string vault)
    {
        if (CloudEnvironment.IsVaultName(vault))
        {
            return (new Uri($"https://{vault}.vault.azure.net/"), vault);
        }

        if (Uri.TryCreate(vault, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && url.UserInfo.Length == 0
            && url.IsDefaultPort && url.AbsolutePath == "/" && url.Query.Length == 0 && url.Fragment.Length == 0
            && CloudEnvironment.VaultNameInKnownCloud(url.Host) is { } name)
        {
            return (new Uri($"https://{url.Host}/"), name);
        }

        throw new TaskInputException(
            $"'{vault}' is neither a vault's name (3 to 24 letters, digits and hyphens, for the public cloud) nor a vault URL of a known cloud " +
            "(such as https://my-vault.vault.azure.cn/).");
    }
}
