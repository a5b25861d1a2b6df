using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace AkvTask.ReadyToRunProfile;

/// <summary>
/// A type as a signature spells it, with every named type identified by assembly and full name, so that it can be
/// written into another assembly's metadata (the profile) and resolved again by name against the compiled assemblies.
/// <see cref="Key"/> is a canonical text that identifies the shape (used to merge duplicates and to order output).
/// </summary>
internal abstract record TypeShape
{
    public abstract string Key { get; }

    public abstract IEnumerable<string> Assemblies();
}

internal sealed record NamedShape(string Assembly, string Namespace, string Name, NamedShape? DeclaringType, bool IsValueType) : TypeShape
{
    /// <summary>The assembly the runtime's shared-generics placeholder (System.__Canon) is looked up in by crossgen2.</summary>
    public const string CanonAssembly = "System.Private.Canon";

    public override string Key => DeclaringType is null
        ? $"[{Assembly}]{(Namespace.Length > 0 ? Namespace + "." : "")}{Name}"
        : $"{DeclaringType.Key}/{Name}";

    public override IEnumerable<string> Assemblies() => Assembly == CanonAssembly ? [] : [Assembly];
}

internal sealed record PrimitiveShape(PrimitiveTypeCode Code) : TypeShape
{
    public override string Key => Code.ToString();

    public override IEnumerable<string> Assemblies() => [];
}

internal sealed record GenericInstanceShape(NamedShape Definition, ImmutableArray<TypeShape> Arguments) : TypeShape
{
    public override string Key => $"{Definition.Key}<{string.Join(",", Arguments.Select(a => a.Key))}>";

    public override IEnumerable<string> Assemblies() => Definition.Assemblies().Concat(Arguments.SelectMany(a => a.Assemblies()));
}

/// <summary>Rank 0 means a single-dimensional, zero-based array (<c>T[]</c>).</summary>
internal sealed record ArrayTypeShape(TypeShape Element, int Rank) : TypeShape
{
    public override string Key => Rank == 0 ? $"{Element.Key}[]" : $"{Element.Key}[{new string(',', Rank - 1)}]";

    public override IEnumerable<string> Assemblies() => Element.Assemblies();
}

internal sealed record PointerShape(TypeShape Element) : TypeShape
{
    public override string Key => $"{Element.Key}*";

    public override IEnumerable<string> Assemblies() => Element.Assemblies();
}

internal sealed record ByReferenceShape(TypeShape Element) : TypeShape
{
    public override string Key => $"{Element.Key}&";

    public override IEnumerable<string> Assemblies() => Element.Assemblies();
}

internal sealed record GenericParameterShape(bool OfMethod, int Index) : TypeShape
{
    public override string Key => $"{(OfMethod ? "!!" : "!")}{Index}";

    public override IEnumerable<string> Assemblies() => [];
}

internal sealed record ModifiedShape(TypeShape Modifier, TypeShape Unmodified, bool IsRequired) : TypeShape
{
    public override string Key => $"{Unmodified.Key} {(IsRequired ? "modreq" : "modopt")}({Modifier.Key})";

    public override IEnumerable<string> Assemblies() => Modifier.Assemblies().Concat(Unmodified.Assemblies());
}

internal sealed record FunctionPointerShape(MethodSignature<TypeShape> Signature) : TypeShape
{
    public override string Key => $"fnptr {SignatureKey.Of(Signature)}";

    public override IEnumerable<string> Assemblies() => Signature.ParameterTypes.Prepend(Signature.ReturnType).SelectMany(t => t.Assemblies());
}

internal static class SignatureKey
{
    public static string Of(MethodSignature<TypeShape> signature) =>
        $"{(signature.Header.IsInstance ? "instance " : "")}{(byte)signature.Header.CallingConvention}`{signature.GenericParameterCount} " +
        $"{signature.ReturnType.Key}({string.Join(",", signature.ParameterTypes.Select(p => p.Key))})";
}
