namespace AkvTask.Agent;

/// <summary>
/// Values one stage of the task hands to its later stages (pre-job, job, post-job) through
/// <c>task.settaskvariable</c>; the agent gives them back as <c>VSTS_TASKVARIABLE_&lt;NAME&gt;</c>.
/// </summary>
internal static class TaskVariables
{
    /// <summary>The folder holding the files this use of the task wrote, removed by its post-job stage.</summary>
    public const string FilesFolder = "KEYVAULTSECRETS_FILES_FOLDER";

    public static string? Read(AgentEnvironment environment, string name) => environment.Get("VSTS_TASKVARIABLE_" + name)?.Trim();
}
