using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>A secret and every variable name it will be set under.</summary>
internal sealed record PlannedSecret(FetchedSecret Secret, IReadOnlyList<string> VariableNames);

/// <summary>Two secrets (or a secret and an alias) that would set the same variable.</summary>
internal sealed record VariableConflict(string Variable, string First, string Second);

/// <summary>
/// Which variables each secret will be set under, decided for all secrets before any is set, so that a
/// conflict is found before anything is published.
/// </summary>
internal sealed class VariablePlan
{
    private VariablePlan(IReadOnlyList<PlannedSecret> secrets, IReadOnlyList<VariableConflict> conflicts)
    {
        Secrets = secrets;
        Conflicts = conflicts;
    }

    /// <summary>Every secret read, with its names, whether or not it may be set (<see cref="PublishPlan.MayPublish"/>).</summary>
    public IReadOnlyList<PlannedSecret> Secrets { get; }

    public IReadOnlyList<VariableConflict> Conflicts { get; }

    public static VariablePlan Create(IReadOnlyList<FetchedSecret> secrets, bool hyphenAliases)
    {
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var conflicts = new List<VariableConflict>();
        foreach (var secret in secrets)
        {
            foreach (var variable in secret.Variables)
            {
                var owner = Describe(secret, variable);
                if (!owners.TryAdd(variable, owner))
                {
                    conflicts.Add(new VariableConflict(variable, owners[variable], owner));
                }
            }
        }

        // A hyphen alias is a convenience: it gives way to any name set on purpose.
        var planned = secrets.Select(secret =>
        {
            var names = new List<string>(secret.Variables);
            if (hyphenAliases)
            {
                // Not for name/version: that variable exists for AzureKeyVault@2's sake, and scripts use the name's alias.
                foreach (var variable in secret.Variables.Where(v => v.Contains('-') && !v.Contains('/')))
                {
                    var alias = variable.Replace('-', '_');
                    if (owners.TryAdd(alias, Describe(secret, alias)))
                    {
                        names.Add(alias);
                    }
                }
            }

            return new PlannedSecret(secret, names);
        }).ToList();

        return new VariablePlan(planned, conflicts);
    }

    private static string Describe(FetchedSecret secret, string variable) =>
        variable.Equals(secret.Name, StringComparison.OrdinalIgnoreCase) ? $"secret '{secret.Name}'" : $"alias '{variable}' of secret '{secret.Name}'";
}
