using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace AkvTask.ReadyToRunProfile;

/// <summary>Turns the trace's methods (tokens and type handles) into named <see cref="ProfiledMethod"/>s.</summary>
internal sealed class MethodResolver(AssemblyCatalog catalog)
{
    private const string CoreLibrary = "System.Private.CoreLib";

    // CorElementType values the BulkType event reports for types that are not named by a TypeDef.
    private const int ElementPointer = 0x0F;
    private const int ElementArray = 0x14;
    private const int ElementSingleDimensionArray = 0x1D;

    private static readonly Dictionary<string, PrimitiveTypeCode> Primitives = new()
    {
        ["Boolean"] = PrimitiveTypeCode.Boolean, ["Char"] = PrimitiveTypeCode.Char,
        ["SByte"] = PrimitiveTypeCode.SByte, ["Byte"] = PrimitiveTypeCode.Byte,
        ["Int16"] = PrimitiveTypeCode.Int16, ["UInt16"] = PrimitiveTypeCode.UInt16,
        ["Int32"] = PrimitiveTypeCode.Int32, ["UInt32"] = PrimitiveTypeCode.UInt32,
        ["Int64"] = PrimitiveTypeCode.Int64, ["UInt64"] = PrimitiveTypeCode.UInt64,
        ["Single"] = PrimitiveTypeCode.Single, ["Double"] = PrimitiveTypeCode.Double,
        ["IntPtr"] = PrimitiveTypeCode.IntPtr, ["UIntPtr"] = PrimitiveTypeCode.UIntPtr,
        ["String"] = PrimitiveTypeCode.String, ["Object"] = PrimitiveTypeCode.Object,
    };

    public ProfiledMethod? Resolve(TracedMethod traced)
    {
        if (catalog.MethodDefinition(traced.Assembly, traced.Token) is not { } definition)
        {
            return null;
        }

        TypeShape owner = definition.DeclaringType;
        if (definition.TypeArity > 0)
        {
            if (traced.Owner is null || Shape(traced.Owner) is not GenericInstanceShape instance || instance.Arguments.Length != definition.TypeArity)
            {
                return null;
            }

            owner = instance;
        }

        var arguments = ImmutableArray<TypeShape>.Empty;
        if (definition.GenericArity > 0)
        {
            if (traced.MethodArguments.Length != definition.GenericArity)
            {
                return null;
            }

            var shapes = traced.MethodArguments.Select(a => a is null ? null : Shape(a)).ToList();
            if (shapes.Any(s => s is null))
            {
                return null;
            }

            arguments = [.. shapes!];
        }

        return new ProfiledMethod(owner, definition.Name, definition.Signature, arguments);
    }

    private TypeShape? Shape(TracedTypeShape type)
    {
        switch (type.ElementType)
        {
            case ElementSingleDimensionArray:
                return type.Arguments.Length == 1 && Shape(type.Arguments[0]) is { } element ? new ArrayTypeShape(element, 0) : null;
            case ElementPointer:
                return type.Arguments.Length == 1 && Shape(type.Arguments[0]) is { } pointee ? new PointerShape(pointee) : null;
            case ElementArray:
                return null; // the event does not give the rank
        }

        if (type.Assembly is null || catalog.TypeDefinition(type.Assembly, type.Token) is not { } named)
        {
            return null;
        }

        if (named.Assembly == CoreLibrary && named.Namespace == "System" && named.DeclaringType is null
            && Primitives.TryGetValue(named.Name, out var primitive))
        {
            return new PrimitiveShape(primitive);
        }

        if (type.Arguments.IsEmpty)
        {
            return named;
        }

        var arguments = type.Arguments.Select(Shape).ToList();
        return arguments.Any(a => a is null) ? null : new GenericInstanceShape(named, [.. arguments!]);
    }
}
