using System.Globalization;
using AkvTask.Benchmarks;
using AkvTask.Secrets;
using AkvTask.TestSupport.FakeAzure;

// Runs the built task (node task/run.js, as the agent does) against a fake Azure, scenario by scenario, and prints
// the figures with the latency model's lower bound. See build/bench.sh and the README's Performance section.
const string Usage = """
    Usage: AkvTask.Benchmarks [options]

      --quick                the five scenarios of issue 6 with fewer runs
      --runs N               this many runs of every scenario
      --only TEXT            only the scenarios whose name contains TEXT
      --scenario SPEC        run this scenario instead of the standard ones (repeatable); SPEC is
                             name=…,secrets=N,by-name=N,value-bytes=N,latency-ms=N,quota=N,retry-after=N,runs=N
                             (all optional; without by-name the filter is *)
      --concurrency N        the task's concurrency, for the lower bound (default: FetchOptions', now {0})
      --markdown FILE        also write the results table (markdown) to FILE
      --timeline FILE        write every request of each scenario's last run to FILE (CSV, ms from launch)
      --root DIR             the repository (default: found upwards from here)
      --wrap "CMD ARGS"      start node under this command (e.g. "strace -f -tt -o /tmp/trace"), for profiling
      --task-folder DIR      measure this task folder (run.js, launcher.js, bin/<rid>/) instead of the repository's task/;
                             give it more than once to compare builds, their runs taking turns
      -h, --help             this text

    Needs the task's binary for this machine in task/bin/<rid>/ (build/bench.sh builds it) and node on PATH.
    """;

var quick = false;
int? runs = null;
string? only = null;
string? markdownFile = null;
string? timelineFile = null;
string? root = null;
var taskSources = new List<string>();
string[] wrapper = [];
var concurrency = new FetchOptions().Concurrency;
var custom = new List<Scenario>();
try
{
    for (var i = 0; i < args.Length; i++)
    {
        string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        int Number() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{args[i - 1]} needs a positive whole number.");
        switch (args[i])
        {
            case "--quick": quick = true; break;
            case "--runs": runs = Number(); break;
            case "--only": only = Value(); break;
            case "--scenario": custom.Add(Scenario.Parse(Value())); break;
            case "--concurrency": concurrency = Number(); break;
            case "--markdown": markdownFile = Path.GetFullPath(Value()); break;
            case "--timeline": timelineFile = Path.GetFullPath(Value()); break;
            case "--root": root = Path.GetFullPath(Value()); break;
            case "--task-folder": taskSources.Add(Path.GetFullPath(Value())); break;
            case "--wrap": wrapper = Value().Split(' ', StringSplitOptions.RemoveEmptyEntries); break;
            case "-h" or "--help": Console.WriteLine(string.Format(CultureInfo.InvariantCulture, Usage, concurrency)); return 0;
            default: throw new ArgumentException($"Unknown option '{args[i]}'.");
        }
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(string.Format(CultureInfo.InvariantCulture, Usage, concurrency));
    return 2;
}

root ??= FindRepository();
if (root is null || !File.Exists(Path.Combine(root, "task", "run.js")))
{
    Console.Error.WriteLine("The repository (with task/run.js) was not found; pass --root.");
    return 2;
}

var scenarios = (custom.Count > 0 ? custom : quick ? StandardScenarios.Quick : StandardScenarios.Full)
    .Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
    .Select(s => runs is { } n ? s with { Runs = n } : s)
    .ToList();
if (scenarios.Count == 0)
{
    Console.Error.WriteLine($"No scenario's name contains '{only}'.");
    return 2;
}

if (timelineFile is not null)
{
    File.Delete(timelineFile);
}

var temp = Directory.CreateTempSubdirectory("akv-bench-");
try
{
    // Each build is run from a copy of its task folder, so that a rebuild meanwhile changes nothing.
    var sources = taskSources.Count > 0 ? taskSources : [Path.Combine(root, "task")];
    var launchers = sources
        .Select((source, i) => new StepLauncher(
            TaskFolderCopy.Create(source, Path.Combine(temp.FullName, sources.Count == 1 ? "task" : $"{i + 1}-{Path.GetFileName(source.TrimEnd('/'))}")),
            wrapper))
        .ToList();
    Console.WriteLine($"Machine: {Machine.Describe()}");
    Console.WriteLine($"Load average now: {Machine.LoadAverage()} (other work on the machine shows in the figures)");
    for (var i = 0; i < launchers.Count; i++)
    {
        var binary = TaskFolderCopy.BinaryFor(launchers[i].Folder);
        Console.WriteLine(binary is null
            ? $"Task binary: none for this machine in {sources[i]}/bin/ (build/bench.sh builds it)"
            : $"Task binary: {Path.Combine(sources[i], Path.GetRelativePath(launchers[i].Folder, binary.FullName))}, {binary.Length / 1048576.0:0.0} MiB, built {binary.LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC");
    }

    Console.WriteLine($"Concurrency in the lower bound: {concurrency}");
    if (!StepLauncher.CanMeasureTreePeak)
    {
        Console.WriteLine("(/usr/bin/time is missing: the step's kernel-counted peak memory is not measured, only the task's sampled one)");
    }

    await using var azure = await FakeAzureHost.StartAsync();
    var runner = new ScenarioRunner(azure, launchers, temp.FullName, Console.Out);
    runner.Prepare();

    // Runs nobody counts: page cache, the fake's certificates and JIT on the fake's side warm up.
    Console.Write("Warming up ");
    var warmUps = await runner.RunAsync(new Scenario("warm-up", 5, null, 32, TimeSpan.Zero, null, 1, 2), [.. launchers.Select(_ => TimeSpan.Zero)], concurrency);
    if (warmUps.FirstOrDefault(w => !w.AllDelivered) is { } broken)
    {
        var failed = broken.Runs.First(r => !r.Delivered);
        Console.Error.WriteLine($"The task ({broken.Build}) does not work here: {failed.Problem}\n{failed.Step.StandardOutput}\n{failed.Step.StandardError}");
        return 1;
    }

    Console.Write("Start-up floor (a step that skips: node, launcher, .NET start, one result line) ");
    var floors = await runner.MeasureFloorAsync(quick ? 5 : 10);
    Console.WriteLine(string.Join("; ", floors.Select((f, i) => string.Create(CultureInfo.InvariantCulture, $"{(launchers.Count > 1 ? launchers[i].Label + ": " : "   ")}{f.Format("0.000")} s"))));
    var nodeStart = await NodeBareStart.MeasureAsync(quick ? 5 : 15);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Node's bare start (node -e 0): {nodeStart.Format("0.000")} s"));

    var results = new List<ScenarioResult>();
    var started = DateTime.UtcNow;
    foreach (var scenario in scenarios)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}: {scenario.Describe()}");
        Console.Write("   ");
        var scenarioResults = await runner.RunAsync(scenario, [.. floors.Select(f => TimeSpan.FromSeconds(f.Median))], concurrency);
        foreach (var result in scenarioResults)
        {
            if (launchers.Count > 1)
            {
                Console.WriteLine($"   -- {result.Build}");
            }

            Report.WriteDetails(Console.Out, result);
            if (timelineFile is not null)
            {
                Timeline.Append(timelineFile, result);
            }
        }

        Console.WriteLine($"   load average after   {Machine.LoadAverage()}");
        results.AddRange(scenarioResults);
    }

    Console.WriteLine();
    Console.WriteLine($"Results (median, with min–max over the runs; {(DateTime.UtcNow - started).TotalSeconds:0} s in all):");
    Console.WriteLine();
    var table = Report.Markdown(results);
    Console.Write(table);
    if (markdownFile is not null)
    {
        await File.WriteAllTextAsync(markdownFile, table);
    }

    if (custom.Count == 0)
    {
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Node's bare start (node -e 0), same run: {nodeStart.Format("0.000")} s"));
        foreach (var launcher in launchers)
        {
            var own = results.Where(r => r.Build == launcher.Label).ToList();
            Console.WriteLine(launchers.Count > 1 ? $"Targets, {launcher.Label}:" : "Targets:");
            foreach (var target in Target.All)
            {
                var met = target.IsMet(own, nodeStart);
                Console.WriteLine($"  [{(met is null ? "n/a" : met.Value ? "met" : "MISSED")}] {target.Description}");
            }

            if (own.FirstOrDefault(r => r.Scenario.Name == StandardScenarios.OneByName) is { Wall: { } wall })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  1 secret by name takes {wall.Median / nodeStart.Median:0.0}x node's bare start"));
            }
        }
    }

    return results.All(r => r.AllDelivered) ? 0 : 1;
}
finally
{
    temp.Delete(recursive: true);
}

static string? FindRepository()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AkvTask.sln")))
            {
                return folder.FullName;
            }
        }
    }

    return null;
}
