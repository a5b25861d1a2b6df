using AkvTask.Secrets;

namespace AkvTask.Publishing;

/// <summary>A secret and every variable name it will be set under.</summary>
internal sealed record PlannedSecret(FetchedSecret Secret, IReadOnlyList<string> VariableNames);
