using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace AkvTask.ReadyToRunProfile;

/// <summary>
/// Writes a ReadyToRun profile (.mibc) as crossgen2 reads it: a small IL-only assembly whose global method
/// <c>AssemblyDictionary</c> lists groups (<c>ldstr "assembly;other;…;"</c>, <c>ldtoken</c> group method, <c>pop</c>),
/// and each group method lists its methods (<c>ldtoken</c> method, <c>pop</c>). Methods are referenced by name and
/// signature (MemberRef on a TypeRef or an instantiated TypeSpec, MethodSpec for generic methods), so the profile
/// resolves against whichever build of the assemblies is compiled; what does not resolve is skipped by crossgen2.
/// The same methods always give the same bytes.
/// </summary>
internal sealed class MibcWriter
{
    private readonly MetadataBuilder _metadata = new();
    private readonly Dictionary<string, AssemblyReferenceHandle> _assemblies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeReferenceHandle> _typeReferences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeSpecificationHandle> _typeSpecifications = new(StringComparer.Ordinal);

    public static byte[] Write(string name, IReadOnlyList<ProfiledMethod> methods) => new MibcWriter().Build(name, methods);

    private byte[] Build(string name, IReadOnlyList<ProfiledMethod> methods)
    {
        var groups = methods
            .GroupBy(m => m.GroupName, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Methods: g.OrderBy(m => m.Key, StringComparer.Ordinal).ToList()))
            .ToList();

        var contentHash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", groups.SelectMany(g => g.Methods.Select(m => g.Name + " " + m.Key)))));
        _metadata.AddModule(0, _metadata.GetOrAddString(name + ".dll"), _metadata.GetOrAddGuid(new Guid(contentHash.AsSpan(0, 16))), default, default);
        _metadata.AddAssembly(_metadata.GetOrAddString(name), new Version(1, 0, 0, 0), default, default, default, AssemblyHashAlgorithm.None);

        var bodies = new BlobBuilder();
        var bodyEncoder = new MethodBodyStreamEncoder(bodies);
        var voidSignature = new BlobBuilder();
        new BlobEncoder(voidSignature).MethodSignature().Parameters(0, r => r.Void(), _ => { });
        var signature = _metadata.GetOrAddBlob(voidSignature);

        // Method rows: 1 is AssemblyDictionary, 2… the groups, in this order.
        var dictionary = new InstructionEncoder(new BlobBuilder());
        var groupBodies = new List<int>();
        for (var i = 0; i < groups.Count; i++)
        {
            var il = new InstructionEncoder(new BlobBuilder());
            foreach (var method in groups[i].Methods)
            {
                il.OpCode(ILOpCode.Ldtoken);
                il.Token(Reference(method));
                il.OpCode(ILOpCode.Pop);
            }

            il.OpCode(ILOpCode.Ret);
            groupBodies.Add(bodyEncoder.AddMethodBody(il, maxStack: 8));

            dictionary.LoadString(_metadata.GetOrAddUserString(groups[i].Name));
            dictionary.OpCode(ILOpCode.Ldtoken);
            dictionary.Token(MetadataTokens.MethodDefinitionHandle(i + 2));
            dictionary.OpCode(ILOpCode.Pop);
        }

        dictionary.OpCode(ILOpCode.Ret);
        var dictionaryBody = bodyEncoder.AddMethodBody(dictionary, maxStack: 8);

        const MethodAttributes attributes = MethodAttributes.Public | MethodAttributes.Static | MethodAttributes.HideBySig;
        _metadata.AddMethodDefinition(attributes, MethodImplAttributes.IL, _metadata.GetOrAddString("AssemblyDictionary"), signature, dictionaryBody, default);
        for (var i = 0; i < groups.Count; i++)
        {
            _metadata.AddMethodDefinition(attributes, MethodImplAttributes.IL, _metadata.GetOrAddString($"Group{i + 1}"), signature, groupBodies[i], default);
        }

        _metadata.AddTypeDefinition(default, default, _metadata.GetOrAddString("<Module>"), default,
            MetadataTokens.FieldDefinitionHandle(1), MetadataTokens.MethodDefinitionHandle(1));

        var pe = new ManagedPEBuilder(
            new PEHeaderBuilder(imageCharacteristics: Characteristics.Dll | Characteristics.ExecutableImage),
            new MetadataRootBuilder(_metadata),
            bodies,
            flags: CorFlags.ILOnly,
            deterministicIdProvider: content => BlobContentId.FromHash(SHA256.HashData(content.SelectMany(b => b.GetBytes().ToArray()).ToArray())));
        var image = new BlobBuilder();
        pe.Serialize(image);
        return image.ToArray();
    }

    private EntityHandle Reference(ProfiledMethod method)
    {
        var blob = new BlobBuilder();
        EncodeMethodSignature(new BlobEncoder(blob), method.Signature);
        var parent = method.Owner switch
        {
            NamedShape named => (EntityHandle)TypeReference(named),
            GenericInstanceShape generic => TypeSpecification(generic),
            _ => throw new InvalidOperationException($"A method's owner is a named type: {method.Owner.Key}"),
        };
        var member = _metadata.AddMemberReference(parent, _metadata.GetOrAddString(method.Name), _metadata.GetOrAddBlob(blob));
        if (method.MethodArguments.IsEmpty)
        {
            return member;
        }

        var instantiation = new BlobBuilder();
        var arguments = new BlobEncoder(instantiation).MethodSpecificationSignature(method.MethodArguments.Length);
        foreach (var argument in method.MethodArguments)
        {
            EncodeType(arguments.AddArgument(), argument);
        }

        return _metadata.AddMethodSpecification(member, _metadata.GetOrAddBlob(instantiation));
    }

    private void EncodeMethodSignature(BlobEncoder encoder, MethodSignature<TypeShape> signature) =>
        EncodeParameters(encoder.MethodSignature(signature.Header.CallingConvention, signature.GenericParameterCount, signature.Header.IsInstance), signature);

    private void EncodeParameters(MethodSignatureEncoder encoder, MethodSignature<TypeShape> signature)
    {
        encoder.Parameters(signature.ParameterTypes.Length, out var returnType, out var parameters);
        var (returnModifiers, returnCore) = Unwrap(signature.ReturnType);
        EncodeModifiers(returnType.CustomModifiers(), returnModifiers);
        if (returnCore is PrimitiveShape { Code: PrimitiveTypeCode.Void })
        {
            returnType.Void();
        }
        else if (returnCore is PrimitiveShape { Code: PrimitiveTypeCode.TypedReference })
        {
            returnType.TypedReference();
        }
        else
        {
            EncodeType(returnType.Type(returnCore is ByReferenceShape), returnCore is ByReferenceShape byRef ? byRef.Element : returnCore);
        }

        foreach (var parameterType in signature.ParameterTypes)
        {
            var parameter = parameters.AddParameter();
            var (modifiers, core) = Unwrap(parameterType);
            EncodeModifiers(parameter.CustomModifiers(), modifiers);
            if (core is PrimitiveShape { Code: PrimitiveTypeCode.TypedReference })
            {
                parameter.TypedReference();
            }
            else
            {
                EncodeType(parameter.Type(core is ByReferenceShape), core is ByReferenceShape byRef ? byRef.Element : core);
            }
        }
    }

    private static (List<ModifiedShape> Modifiers, TypeShape Core) Unwrap(TypeShape type)
    {
        var modifiers = new List<ModifiedShape>();
        while (type is ModifiedShape modified)
        {
            modifiers.Add(modified);
            type = modified.Unmodified;
        }

        return (modifiers, type);
    }

    private void EncodeModifiers(CustomModifiersEncoder encoder, List<ModifiedShape> modifiers)
    {
        foreach (var modifier in modifiers)
        {
            encoder = encoder.AddModifier(TypeHandle(modifier.Modifier), isOptional: !modifier.IsRequired);
        }
    }

    private void EncodeType(SignatureTypeEncoder encoder, TypeShape type)
    {
        switch (type)
        {
            case PrimitiveShape { Code: PrimitiveTypeCode.Object }:
                encoder.Object();
                break;
            case PrimitiveShape { Code: PrimitiveTypeCode.String }:
                encoder.String();
                break;
            case PrimitiveShape primitive:
                encoder.PrimitiveType(primitive.Code);
                break;
            case NamedShape named:
                encoder.Type(TypeReference(named), named.IsValueType);
                break;
            case GenericInstanceShape generic:
                var arguments = encoder.GenericInstantiation(TypeReference(generic.Definition), generic.Arguments.Length, generic.Definition.IsValueType);
                foreach (var argument in generic.Arguments)
                {
                    EncodeType(arguments.AddArgument(), argument);
                }

                break;
            case ArrayTypeShape { Rank: 0 } array:
                EncodeType(encoder.SZArray(), array.Element);
                break;
            case ArrayTypeShape array:
                encoder.Array(out var element, out var shape);
                EncodeType(element, array.Element);
                shape.Shape(array.Rank, [], []);
                break;
            case PointerShape { Element: PrimitiveShape { Code: PrimitiveTypeCode.Void } }:
                encoder.VoidPointer();
                break;
            case PointerShape pointer:
                EncodeType(encoder.Pointer(), pointer.Element);
                break;
            case GenericParameterShape { OfMethod: true } parameter:
                encoder.GenericMethodTypeParameter(parameter.Index);
                break;
            case GenericParameterShape parameter:
                encoder.GenericTypeParameter(parameter.Index);
                break;
            case ModifiedShape modified:
                encoder.CustomModifiers().AddModifier(TypeHandle(modified.Modifier), isOptional: !modified.IsRequired);
                EncodeType(encoder, modified.Unmodified);
                break;
            case FunctionPointerShape pointer:
                EncodeParameters(encoder.FunctionPointer(pointer.Signature.Header.CallingConvention,
                    pointer.Signature.Header.IsInstance ? FunctionPointerAttributes.HasThis : FunctionPointerAttributes.None,
                    pointer.Signature.GenericParameterCount), pointer.Signature);
                break;
            default:
                throw new NotSupportedException($"No signature encoding for {type.Key}");
        }
    }

    private EntityHandle TypeHandle(TypeShape type) => type switch
    {
        NamedShape named => TypeReference(named),
        GenericInstanceShape generic => TypeSpecification(generic),
        _ => throw new NotSupportedException($"A modifier is a named type: {type.Key}"),
    };

    private TypeReferenceHandle TypeReference(NamedShape type)
    {
        var key = type.Key;
        if (_typeReferences.TryGetValue(key, out var handle))
        {
            return handle;
        }

        EntityHandle scope = type.DeclaringType is { } declaring ? TypeReference(declaring) : AssemblyReference(type.Assembly);
        handle = _metadata.AddTypeReference(scope, type.DeclaringType is null ? _metadata.GetOrAddString(type.Namespace) : default, _metadata.GetOrAddString(type.Name));
        _typeReferences[key] = handle;
        return handle;
    }

    private TypeSpecificationHandle TypeSpecification(GenericInstanceShape type)
    {
        var key = type.Key;
        if (_typeSpecifications.TryGetValue(key, out var handle))
        {
            return handle;
        }

        var blob = new BlobBuilder();
        EncodeType(new BlobEncoder(blob).TypeSpecificationSignature(), type);
        handle = _metadata.AddTypeSpecification(_metadata.GetOrAddBlob(blob));
        _typeSpecifications[key] = handle;
        return handle;
    }

    private AssemblyReferenceHandle AssemblyReference(string name)
    {
        if (!_assemblies.TryGetValue(name, out var handle))
        {
            handle = _metadata.AddAssemblyReference(_metadata.GetOrAddString(name), new Version(0, 0, 0, 0), default, default, default, default);
            _assemblies[name] = handle;
        }

        return handle;
    }
}
