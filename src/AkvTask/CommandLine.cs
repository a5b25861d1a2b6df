using System.Reflection;
using AkvTask.Agent;
using AkvTask.Checking;

namespace AkvTask;

/// <summary>The program's command line: the launcher's <c>run --stage job|prejob|postjob</c>, and the commands a person runs.</summary>
internal static class CommandLine
{
    public static string Version { get; } =
        typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static string Help => $"""
        KeyVaultSecrets {Version}: reads secrets from Azure Key Vault into pipeline variables.

        Usage:
        {CheckOptions.Usage}
          AkvTask run --stage job|prejob|postjob [--stop-when-input-closes]
              What the pipeline task's launcher runs; reads everything from the agent's environment. With the option,
              the end of standard input is a request to stop (the launcher's way to cancel on every OS).
          AkvTask --version
          AkvTask --help
        """;

    /// <summary>The launcher's promise to ask the program to stop by closing its standard input.</summary>
    public const string StopWhenInputClosesOption = "--stop-when-input-closes";

    public static RunCommand? ParseRun(IReadOnlyList<string> args) => args switch
    {
        ["run", "--stage", var stage] => Stage(stage) is { } known ? new RunCommand(known, StopWhenInputCloses: false) : null,
        ["run", "--stage", var stage, StopWhenInputClosesOption] => Stage(stage) is { } known ? new RunCommand(known, StopWhenInputCloses: true) : null,
        _ => null,
    };

    private static ExecutionStage? Stage(string stage) =>
        stage.Equals("job", StringComparison.OrdinalIgnoreCase) ? ExecutionStage.Job
        : stage.Equals("prejob", StringComparison.OrdinalIgnoreCase) ? ExecutionStage.PreJob
        : stage.Equals("postjob", StringComparison.OrdinalIgnoreCase) ? ExecutionStage.PostJob
        : null;
}

/// <summary>What the launcher asks for: the stage to run, and whether closing the program's input means stop.</summary>
internal sealed record RunCommand(ExecutionStage Stage, bool StopWhenInputCloses);
