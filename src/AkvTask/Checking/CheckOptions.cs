using AkvTask.Agent;
using AkvTask.Authentication;

namespace AkvTask.Checking;

/// <summary>The arguments of <c>AkvTask check</c>.</summary>
/// <param name="Files">The SecretFiles list to check, or null.</param>
internal sealed record CheckOptions(Uri VaultUri, string VaultName, string Filter, string? TenantId, string? Files = null, CertificateFormat CertificateFormat = TaskInputs.DefaultCertificateFormat)
{
    /// <summary>Null when the arguments are not understood; the caller prints the usage.</summary>
    /// <exception cref="TaskInputException">The vault is neither a name nor a vault URL of a known cloud.</exception>
    public static CheckOptions? Parse(IReadOnlyList<string> args)
    {
        string? vault = null, filter = null, tenant = null, files = null;
        var format = TaskInputs.DefaultCertificateFormat;
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
                case "--certificate-format" when args[i + 1].Equals("pfx", StringComparison.OrdinalIgnoreCase): format = CertificateFormat.Pfx; break;
                case "--certificate-format" when args[i + 1].Equals("pem", StringComparison.OrdinalIgnoreCase): format = CertificateFormat.Pem; break;
                default: return null;
            }
        }

        if (vault is null)
        {
            return null;
        }

        var (vaultUri, vaultName) = Vault(vault);
        return new CheckOptions(vaultUri, vaultName, filter ?? TaskInputs.DefaultSecretsFilter, tenant, files, format);
    }

    /// <summary>
    /// A name is a public-cloud vault; other clouds' vaults are given by URL. Nothing else is ever sent a token: a URL
    /// must be a vault's in a known cloud, with nothing after its host.
    /// </summary>
    private static (Uri Uri, string Name) Vault(string vault)
    {
        if (TaskInputs.IsVaultName(vault))
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
