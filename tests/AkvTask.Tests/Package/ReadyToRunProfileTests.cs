using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using AkvTask.Agent;

namespace AkvTask.Tests.Package;

/// <summary>
/// The ReadyToRun profile (build/ReadyToRunProfile/AkvTask.mibc, written by build/profile.sh) is laid out as crossgen2
/// reads it, names the code a run of the task executes, and is not so stale that the task's own methods in it are gone.
/// A profile that crossgen2 cannot read, or that names nothing of today's task, would only make start-up slow, which no
/// other test sees.
/// </summary>
[TestFixture]
public sealed class ReadyToRunProfileTests
{
    private const byte Ldstr = 0x72;
    private const byte Ldtoken = 0xD0;
    private const byte Pop = 0x26;
    private const byte Ret = 0x2A;

    private static readonly Lazy<IReadOnlyList<ProfiledMethod>> Profiled = new(ReadProfile);

    [Test]
    public void The_profile_lists_methods_by_group_and_each_group_names_their_assembly_first()
    {
        Profiled.Value.Count.Should().BeGreaterThan(5000, "a run compiles about ten thousand methods");
        foreach (var method in Profiled.Value)
        {
            method.Group.Split(';')[0].Should().Be(method.Assembly, $"{method.Type}::{method.Name} is placed with its own assembly");
        }
    }

    [Test]
    public void The_profile_names_the_runtime_the_SDK_and_the_task_itself()
    {
        Profiled.Value.Select(m => m.Assembly).Distinct().Should().Contain(
            ["System.Private.CoreLib", "System.Net.Http", "System.Net.Security", "System.Text.Json", "Azure.Core", "Microsoft.Identity.Client", "Azure.Security.KeyVault.Secrets", "AkvTask"]);
        Profiled.Value.Should().Contain(m => m.Assembly == "AkvTask" && m.Type == "Program" && m.Name == "<Main>$");
        Profiled.Value.Should().Contain(m => m.Type.StartsWith("Azure.Identity.", StringComparison.Ordinal), "signing in is on every run's way");
    }

    [Test]
    public void Most_of_the_task_s_own_methods_in_the_profile_still_exist()
    {
        var current = TaskMethods();
        var named = Profiled.Value.Where(m => m.Assembly == "AkvTask").Select(m => (m.Type, m.Name)).Distinct().ToList();

        named.Should().NotBeEmpty();
        var found = named.Count(current.Contains);
        ((double)found / named.Count).Should().BeGreaterThan(0.5,
            "the profile should follow the task's code: run build/profile.sh after moving much of it ({0} of {1} still exist)", found, named.Count);
    }

    private static HashSet<(string Type, string Name)> TaskMethods()
    {
        using var pe = new PEReader(File.OpenRead(typeof(AgentEnvironment).Assembly.Location));
        var reader = pe.GetMetadataReader();
        return [.. reader.MethodDefinitions.Select(reader.GetMethodDefinition)
            .Select(m => (TypeName(reader, m.GetDeclaringType()), reader.GetString(m.Name)))];
    }

    private static IReadOnlyList<ProfiledMethod> ReadProfile()
    {
        using var pe = new PEReader(File.OpenRead(PackageSources.PathOf("build/ReadyToRunProfile/AkvTask.mibc")));
        var reader = pe.GetMetadataReader();
        var global = reader.GetTypeDefinition(MetadataTokens.TypeDefinitionHandle(1));
        reader.GetString(global.Name).Should().Be("<Module>");
        var dictionary = global.GetMethods().Select(reader.GetMethodDefinition)
            .Should().ContainSingle(m => reader.GetString(m.Name) == "AssemblyDictionary").Subject;

        var methods = new List<ProfiledMethod>();
        var il = pe.GetMethodBody(dictionary.RelativeVirtualAddress).GetILReader();
        while (il.RemainingBytes > 1)
        {
            il.ReadByte().Should().Be(Ldstr);
            var group = reader.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
            il.ReadByte().Should().Be(Ldtoken);
            var groupMethod = reader.GetMethodDefinition((MethodDefinitionHandle)MetadataTokens.EntityHandle(il.ReadInt32()));
            il.ReadByte().Should().Be(Pop);
            methods.AddRange(ReadGroup(pe, reader, group, groupMethod));
        }

        il.ReadByte().Should().Be(Ret);
        return methods;
    }

    private static IEnumerable<ProfiledMethod> ReadGroup(PEReader pe, MetadataReader reader, string group, MethodDefinition groupMethod)
    {
        var il = pe.GetMethodBody(groupMethod.RelativeVirtualAddress).GetILReader();
        while (il.RemainingBytes > 1)
        {
            il.ReadByte().Should().Be(Ldtoken);
            var method = MetadataTokens.EntityHandle(il.ReadInt32());
            il.ReadByte().Should().Be(Pop);
            if (method.Kind == HandleKind.MethodSpecification)
            {
                method = reader.GetMethodSpecification((MethodSpecificationHandle)method).Method;
            }

            method.Kind.Should().Be(HandleKind.MemberReference);
            var member = reader.GetMemberReference((MemberReferenceHandle)method);
            var parent = member.Parent;
            if (parent.Kind == HandleKind.TypeSpecification)
            {
                // A generic instantiation: GENERICINST, CLASS or VALUETYPE, then the generic type's coded token.
                var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                blob.ReadByte().Should().Be(0x15);
                blob.ReadByte();
                parent = blob.ReadTypeHandle();
            }

            parent.Kind.Should().Be(HandleKind.TypeReference);
            var type = (TypeReferenceHandle)parent;
            yield return new ProfiledMethod(group, AssemblyOf(reader, type), TypeName(reader, type), reader.GetString(member.Name));
        }

        il.ReadByte().Should().Be(Ret);
    }

    private static string AssemblyOf(MetadataReader reader, TypeReferenceHandle type)
    {
        var scope = reader.GetTypeReference(type).ResolutionScope;
        return scope.Kind == HandleKind.TypeReference
            ? AssemblyOf(reader, (TypeReferenceHandle)scope)
            : reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
    }

    private static string TypeName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{TypeName(reader, (TypeReferenceHandle)type.ResolutionScope)}/{name}"
            : Qualified(reader.GetString(type.Namespace), name);
    }

    private static string TypeName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? Qualified(reader.GetString(type.Namespace), name) : $"{TypeName(reader, declaring)}/{name}";
    }

    private static string Qualified(string ns, string name) => ns.Length == 0 ? name : $"{ns}.{name}";

    private sealed record ProfiledMethod(string Group, string Assembly, string Type, string Name);
}
