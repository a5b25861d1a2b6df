using System.Collections.Immutable;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace AkvTask.ReadyToRunProfile;

/// <summary>
/// Reads EventPipe traces of the task (runtime provider with the Loader, Jit, Type, MethodDiagnostic and
/// TypeDiagnostic keywords) and lists every method the JIT compiled, as the runtime identified it: module and
/// MethodDef token, and for generic code the exact owning type and method instantiation as type handles, which
/// the BulkType events of the same trace describe (module, TypeDef token, type arguments).
/// </summary>
internal sealed class TraceReader
{
    private readonly Dictionary<long, string> _modules = [];
    private readonly Dictionary<long, TracedType> _types = [];
    private readonly Dictionary<long, TracedMethod> _methods = [];
    private readonly Dictionary<long, (long OwnerType, ImmutableArray<long> Arguments)> _details = [];

    /// <summary>The runtime's EventPipe configuration that yields the events this reader needs.</summary>
    public const string EventPipeConfig =
        "Microsoft-Windows-DotNETRuntime:0xC000080018:5,Microsoft-Windows-DotNETRuntimeRundown:0x118:5";

    public void Read(string file)
    {
        _modules.Clear();
        _types.Clear();
        _details.Clear();
        var methods = new List<(long Id, long Module, int Token)>();
        using var source = new EventPipeEventSource(file);
        source.Clr.LoaderModuleLoad += e => _modules[e.ModuleID] = e.ModuleILPath;
        var rundown = new ClrRundownTraceEventParser(source);
        rundown.LoaderModuleDCStop += e => _modules[e.ModuleID] = e.ModuleILPath;
        source.Clr.MethodLoadVerbose += e => methods.Add((e.MethodID, e.ModuleID, e.MethodToken));
        source.Clr.MethodMethodDetails += e =>
        {
            var arguments = ImmutableArray.CreateBuilder<long>(e.TypeParameterCount);
            for (var i = 0; i < e.TypeParameterCount; i++)
            {
                arguments.Add((long)e.TypeParameters(i));
            }

            _details[e.MethodID] = (e.TypeID, arguments.MoveToImmutable());
        };
        source.Clr.TypeBulkType += e =>
        {
            for (var i = 0; i < e.Count; i++)
            {
                var value = e.Values(i);
                var parameters = ImmutableArray.CreateBuilder<long>(value.TypeParameterCount);
                for (var j = 0; j < value.TypeParameterCount; j++)
                {
                    parameters.Add((long)value.TypeParameterID(j));
                }

                _types[(long)value.TypeID] = new TracedType((long)value.ModuleID, value.TypeNameID, (int)value.CorElementType, value.TypeName, parameters.MoveToImmutable());
            }
        };
        source.Process();

        foreach (var (id, module, token) in methods)
        {
            if (!_modules.TryGetValue(module, out var path))
            {
                continue;
            }

            _details.TryGetValue(id, out var detail);
            var method = new TracedMethod(Assembly(path), token,
                detail.OwnerType == 0 ? null : Describe(detail.OwnerType, 0),
                detail.Arguments.IsDefault ? [] : [.. detail.Arguments.Select(a => Describe(a, 0))]);
            Methods.Add(method);
        }
    }

    public List<TracedMethod> Methods { get; } = [];

    private static string Assembly(string path) => Path.GetFileNameWithoutExtension(path.Replace('\\', '/'));

    /// <summary>A type handle as module + token + arguments; null when the trace does not describe it.</summary>
    private TracedTypeShape? Describe(long handle, int depth)
    {
        if (depth > 16 || !_types.TryGetValue(handle, out var type))
        {
            return null;
        }

        var arguments = type.Parameters.Select(p => Describe(p, depth + 1)).ToImmutableArray();
        if (arguments.Any(a => a is null))
        {
            return null;
        }

        _modules.TryGetValue(type.Module, out var path);
        return new TracedTypeShape(path is null ? null : Assembly(path), type.Token, type.ElementType, type.Name, arguments!);
    }

    private sealed record TracedType(long Module, int Token, int ElementType, string Name, ImmutableArray<long> Parameters);
}

/// <summary>A type handle of the trace: its module's assembly, TypeDef token, element type and type arguments.</summary>
internal sealed record TracedTypeShape(string? Assembly, int Token, int ElementType, string Name, ImmutableArray<TracedTypeShape> Arguments);

/// <summary>A JIT-compiled method of the trace; <see cref="Owner"/> is null when the trace had no details for it.</summary>
internal sealed record TracedMethod(string Assembly, int Token, TracedTypeShape? Owner, ImmutableArray<TracedTypeShape?> MethodArguments);
