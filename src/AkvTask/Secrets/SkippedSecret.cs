namespace AkvTask.Secrets;

/// <summary>A secret the listing found but the task did not read, and why.</summary>
internal sealed record SkippedSecret(string Name, string Reason);
