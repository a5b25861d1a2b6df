using AkvTask.ReadyToRunProfile;

// Turns EventPipe traces of the task into its ReadyToRun profile: every method the JIT compiled in the traced runs,
// named against the trimmed assemblies that were traced. build/profile.sh runs it; see docs/building.md.
const string Usage = """
    Usage: ProfileWriter --assemblies DIR --out FILE.mibc TRACE.nettrace...

      --assemblies DIR   the trimmed IL assemblies of the traced build (the publish's linked/ folder)
      --out FILE         the profile to write
      --print-config     print the DOTNET_EventPipeConfig value the traces must be taken with, and exit
    """;

string? assemblies = null;
string? output = null;
var traces = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--assemblies" when i + 1 < args.Length: assemblies = args[++i]; break;
        case "--out" when i + 1 < args.Length: output = args[++i]; break;
        case "--print-config": Console.WriteLine(TraceReader.EventPipeConfig); return 0;
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        default:
            if (args[i].StartsWith('-'))
            {
                Console.Error.WriteLine($"Unknown option '{args[i]}'.\n{Usage}");
                return 2;
            }

            traces.Add(args[i]);
            break;
    }
}

if (assemblies is null || output is null || traces.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

using var catalog = new AssemblyCatalog(assemblies);
var resolver = new MethodResolver(catalog);
var methods = new Dictionary<string, ProfiledMethod>(StringComparer.Ordinal);
var traced = 0;
var unresolved = new Dictionary<string, int>(StringComparer.Ordinal);
foreach (var trace in traces)
{
    var reader = new TraceReader();
    reader.Read(trace);
    foreach (var method in reader.Methods)
    {
        traced++;
        if (resolver.Resolve(method) is { } profiled)
        {
            methods.TryAdd(profiled.Key, profiled);
        }
        else
        {
            unresolved[method.Assembly] = unresolved.GetValueOrDefault(method.Assembly) + 1;
        }
    }
}

var image = MibcWriter.Write(Path.GetFileNameWithoutExtension(output), [.. methods.Values]);
File.WriteAllBytes(output, image);
Console.WriteLine($"{traces.Count} trace(s), {catalog.Count} assemblies: {traced} JIT compilations, {unresolved.Values.Sum()} not resolvable " +
    $"(stubs, unknown types), {methods.Count} distinct methods in {output} ({image.Length} bytes)");
foreach (var group in methods.Values.GroupBy(m => m.DefiningAssembly).OrderBy(g => g.Key, StringComparer.Ordinal))
{
    Console.WriteLine($"  {group.Key,-45} {group.Count(),6} methods{(unresolved.TryGetValue(group.Key, out var n) ? $", {n} not resolvable" : "")}");
}

foreach (var (assembly, count) in unresolved.Where(u => !methods.Values.Any(m => m.DefiningAssembly == u.Key)))
{
    Console.WriteLine($"  {assembly,-45} {0,6} methods, {count} not resolvable");
}
return methods.Count > 0 ? 0 : 1;
