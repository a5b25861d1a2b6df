using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace AkvTask.ReadyToRunProfile;

/// <summary>
/// A method of the profile as the profile names it: its owning type (instantiated when generic), name, the
/// signature of its definition and, for a generic method, its instantiation.
/// </summary>
internal sealed record ProfiledMethod(TypeShape Owner, string Name, MethodSignature<TypeShape> Signature, ImmutableArray<TypeShape> MethodArguments)
{
    public string Key => $"{Owner.Key}::{Name}{(MethodArguments.IsEmpty ? "" : $"<{string.Join(",", MethodArguments.Select(a => a.Key))}>")} {SignatureKey.Of(Signature)}";

    public string DefiningAssembly => Owner switch
    {
        NamedShape named => named.Assembly,
        GenericInstanceShape generic => generic.Definition.Assembly,
        _ => throw new InvalidOperationException($"A method's owner is a named type: {Owner.Key}"),
    };

    /// <summary>
    /// crossgen2 reads a group only when every assembly its name lists is in the version bubble being compiled, and
    /// places it with the first one: the defining assembly, then every other assembly the instantiation names.
    /// </summary>
    public string GroupName
    {
        get
        {
            var others = Owner.Assemblies().Concat(MethodArguments.SelectMany(a => a.Assemblies()))
                .Where(a => a != DefiningAssembly)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            return string.Concat(others.Prepend(DefiningAssembly).Select(a => a + ";"));
        }
    }
}
