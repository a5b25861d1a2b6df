namespace AkvTask.Diagnostics;

/// <summary>A warning or an error of the run: what it is about (a secret, the listing, a variable) and its message.</summary>
internal sealed record Problem(string Subject, string Message);
