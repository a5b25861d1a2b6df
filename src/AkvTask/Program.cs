using AkvTask;
using AkvTask.Checking;
using AkvTask.Stages;

// Composition only: the command line picks the entry point.
switch (args)
{
    case ["run", ..]:
        return CommandLine.ParseRun(args) is { } run ? await PipelineTask.RunAsync(run.Stage, run.StopWhenInputCloses) : Usage();
    case ["check", .. var checkArgs]:
        return await AccessCheck.RunAsync(checkArgs, Console.Out);
    case ["--version"]:
        Console.WriteLine(CommandLine.Version);
        return 0;
    case ["--help"] or ["-h"] or ["help"]:
        Console.WriteLine(CommandLine.Help);
        return 0;
    default:
        return Usage();
}

static int Usage()
{
    Console.Error.WriteLine(CommandLine.Help);
    return 2;
}
