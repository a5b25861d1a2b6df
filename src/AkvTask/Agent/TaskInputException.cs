namespace AkvTask.Agent;

/// <summary>A task input or the service connection is missing or malformed: the user's fix is in the pipeline.</summary>
internal sealed class TaskInputException(string message) : Exception(message);
