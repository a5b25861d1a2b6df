using AkvTask.Agent;

namespace AkvTask.Diagnostics;

/// <summary>What turns a fetch into warnings or errors.</summary>
/// <param name="WarnExpiringWithinDays">Warn about secrets that expire within this many days; 0 turns it off.</param>
internal sealed record OutcomeRules(string VaultName, MissingSecretPolicy OnMissingSecret, int WarnExpiringWithinDays, DateTimeOffset Now);
