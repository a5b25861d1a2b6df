using AkvTask.Agent;

namespace AkvTask.Checking;

/// <summary>The arguments of <c>AkvTask check</c>.</summary>
internal sealed record CheckOptions(Uri VaultUri, string VaultName, string Filter, string? TenantId)
{
    /// <summary>Null when the arguments are not understood; the caller prints the usage.</summary>
    public static CheckOptions? Parse(IReadOnlyList<string> args)
    {
        string? vault = null, filter = null, tenant = null;
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
            return new CheckOptions(new Uri(url.GetLeftPart(UriPartial.Authority) + "/"), url.Host.Split('.')[0], filter ?? TaskInputs.DefaultSecretsFilter, tenant);
        }

        return new CheckOptions(new Uri($"https://{vault}.vault.azure.net/"), vault, filter ?? TaskInputs.DefaultSecretsFilter, tenant);
    }
}
