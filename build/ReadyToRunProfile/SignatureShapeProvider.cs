using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace AkvTask.ReadyToRunProfile;

/// <summary>Decodes a signature of one assembly into <see cref="TypeShape"/>s that name every type by its assembly.</summary>
internal sealed class SignatureShapeProvider(string assembly) : ISignatureTypeProvider<TypeShape, object?>
{
    public TypeShape GetPrimitiveType(PrimitiveTypeCode typeCode) => new PrimitiveShape(typeCode);

    public TypeShape GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        AssemblyCatalog.Named(reader, assembly, handle) with { IsValueType = rawTypeKind == (byte)SignatureTypeKind.ValueType };

    public TypeShape GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        Referenced(reader, handle) with { IsValueType = rawTypeKind == (byte)SignatureTypeKind.ValueType };

    private NamedShape Referenced(MetadataReader reader, TypeReferenceHandle handle)
    {
        var reference = reader.GetTypeReference(handle);
        var name = reader.GetString(reference.Name);
        var ns = reader.GetString(reference.Namespace);
        var scope = reference.ResolutionScope;
        if (scope.Kind == HandleKind.TypeReference)
        {
            var outer = Referenced(reader, (TypeReferenceHandle)scope);
            return new NamedShape(outer.Assembly, ns, name, outer, false);
        }

        return scope.Kind == HandleKind.AssemblyReference
            ? new NamedShape(reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name), ns, name, null, false)
            : new NamedShape(assembly, ns, name, null, false);
    }

    public TypeShape GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public TypeShape GetSZArrayType(TypeShape elementType) => new ArrayTypeShape(elementType, 0);

    public TypeShape GetArrayType(TypeShape elementType, ArrayShape shape) => new ArrayTypeShape(elementType, shape.Rank);

    public TypeShape GetByReferenceType(TypeShape elementType) => new ByReferenceShape(elementType);

    public TypeShape GetPointerType(TypeShape elementType) => new PointerShape(elementType);

    public TypeShape GetGenericInstantiation(TypeShape genericType, ImmutableArray<TypeShape> typeArguments) =>
        new GenericInstanceShape((NamedShape)genericType, typeArguments);

    public TypeShape GetGenericMethodParameter(object? genericContext, int index) => new GenericParameterShape(true, index);

    public TypeShape GetGenericTypeParameter(object? genericContext, int index) => new GenericParameterShape(false, index);

    public TypeShape GetFunctionPointerType(MethodSignature<TypeShape> signature) => new FunctionPointerShape(signature);

    public TypeShape GetModifiedType(TypeShape modifier, TypeShape unmodifiedType, bool isRequired) => new ModifiedShape(modifier, unmodifiedType, isRequired);

    public TypeShape GetPinnedType(TypeShape elementType) => elementType;
}
