using AkvTask.Agent;

namespace AkvTask.Checking;

/// <summary>The arguments of <c>AkvTask check</c>.</summary>
/// <param name="Files">The SecretFiles list to check, or null.</param>
internal sealed record CheckOptions(Uri VaultUri, string VaultName, string Filter, string? TenantId, string? Files = null, CertificateFormat CertificateFormat = TaskInputs.DefaultCertificateFormat)
{
    /// <summary>Null when the arguments are not understood; the caller prints the usage.</summary>
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

        // A name is a public-cloud vault; other clouds are given by URL.
        if (Uri.TryCreate(vault, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps)
        {
            return new CheckOptions(new Uri(url.GetLeftPart(UriPartial.Authority) + "/"), url.Host.Split('.')[0], filter ?? TaskInputs.DefaultSecretsFilter, tenant, files, format);
        }

        return new CheckOptions(new Uri($"https://{vault}.vault.azure.net/"), vault, filter ?? TaskInputs.DefaultSecretsFilter, tenant, files, format);
    }
}
