namespace AkvTask.Pipeline;

/// <summary>The arguments the launcher passes: <c>run --stage job|prejob</c>.</summary>
internal static class CommandLine
{
    public const string Usage = "Usage: AkvTask run --stage job|prejob   (started by the pipeline task's launcher)";

    public static ExecutionStage? ParseStage(IReadOnlyList<string> args) => args switch
    {
        ["run", "--stage", var stage] when stage.Equals("job", StringComparison.OrdinalIgnoreCase) => ExecutionStage.Job,
        ["run", "--stage", var stage] when stage.Equals("prejob", StringComparison.OrdinalIgnoreCase) => ExecutionStage.PreJob,
        _ => null,
    };
}
