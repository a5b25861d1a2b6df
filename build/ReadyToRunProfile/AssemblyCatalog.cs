using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace AkvTask.ReadyToRunProfile;

/// <summary>
/// The IL assemblies that were traced (the trimmed ones the publish compiled: tokens in the trace are theirs),
/// opened by simple name. Turns a (module, token) of the trace into named shapes and method signatures.
/// </summary>
internal sealed class AssemblyCatalog : IDisposable
{
    private readonly Dictionary<string, (PEReader Pe, MetadataReader Reader)> _assemblies = new(StringComparer.OrdinalIgnoreCase);

    public AssemblyCatalog(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
        {
            var pe = new PEReader(File.OpenRead(file));
            if (!pe.HasMetadata)
            {
                pe.Dispose();
                continue;
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                pe.Dispose();
                continue;
            }

            _assemblies[reader.GetString(reader.GetAssemblyDefinition().Name)] = (pe, reader);
        }
    }

    public int Count => _assemblies.Count;

    public MetadataReader? Find(string assembly) => _assemblies.TryGetValue(assembly, out var entry) ? entry.Reader : null;

    /// <summary>The type a TypeDef token of <paramref name="assembly"/> names, or null when the token is not one.</summary>
    public NamedShape? TypeDefinition(string assembly, int token)
    {
        if (Find(assembly) is not { } reader || (token >> 24) != 0x02 || (token & 0xFFFFFF) > reader.TypeDefinitions.Count)
        {
            return null;
        }

        return Named(reader, assembly, (TypeDefinitionHandle)System.Reflection.Metadata.Ecma335.MetadataTokens.EntityHandle(token));
    }

    public static NamedShape Named(MetadataReader reader, string assembly, TypeDefinitionHandle handle)
    {
        var definition = reader.GetTypeDefinition(handle);
        var declaring = definition.GetDeclaringType();
        var name = reader.GetString(definition.Name);
        var ns = reader.GetString(definition.Namespace);
        if (assembly.Equals("System.Private.CoreLib", StringComparison.OrdinalIgnoreCase) && ns == "System" && name == "__Canon")
        {
            return new NamedShape(NamedShape.CanonAssembly, "System", "__Canon", null, false);
        }

        return new NamedShape(assembly, ns, name, declaring.IsNil ? null : Named(reader, assembly, declaring), IsValueType(reader, definition));
    }

    private static bool IsValueType(MetadataReader reader, TypeDefinition definition)
    {
        var baseType = definition.BaseType;
        if (baseType.IsNil)
        {
            return false;
        }

        var (ns, name) = baseType.Kind switch
        {
            HandleKind.TypeReference => (reader.GetString(reader.GetTypeReference((TypeReferenceHandle)baseType).Namespace), reader.GetString(reader.GetTypeReference((TypeReferenceHandle)baseType).Name)),
            HandleKind.TypeDefinition => (reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)baseType).Namespace), reader.GetString(reader.GetTypeDefinition((TypeDefinitionHandle)baseType).Name)),
            _ => ("", ""),
        };
        var self = reader.GetString(definition.Name);
        return ns == "System" && (name == "Enum" || (name == "ValueType" && self != "Enum"));
    }

    /// <summary>The name, declaring type and signature of a MethodDef token, or null when the token is not one.</summary>
    public (NamedShape DeclaringType, string Name, MethodSignature<TypeShape> Signature, int GenericArity, int TypeArity)? MethodDefinition(string assembly, int token)
    {
        if (Find(assembly) is not { } reader || (token >> 24) != 0x06 || (token & 0xFFFFFF) > reader.MethodDefinitions.Count)
        {
            return null;
        }

        var handle = (MethodDefinitionHandle)System.Reflection.Metadata.Ecma335.MetadataTokens.EntityHandle(token);
        var method = reader.GetMethodDefinition(handle);
        var declaringHandle = method.GetDeclaringType();
        var declaring = Named(reader, assembly, declaringHandle);
        var signature = method.DecodeSignature(new SignatureShapeProvider(assembly), null);
        var typeArity = reader.GetTypeDefinition(declaringHandle).GetGenericParameters().Count;
        return (declaring, reader.GetString(method.Name), signature, method.GetGenericParameters().Count, typeArity);
    }

    public void Dispose()
    {
        foreach (var (pe, _) in _assemblies.Values)
        {
            pe.Dispose();
        }
    }
}
