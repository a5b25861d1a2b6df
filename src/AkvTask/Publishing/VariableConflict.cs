namespace AkvTask.Publishing;

/// <summary>Two secrets (or a secret and an alias) that would set the same variable.</summary>
internal sealed record VariableConflict(string Variable, string First, string Second);
