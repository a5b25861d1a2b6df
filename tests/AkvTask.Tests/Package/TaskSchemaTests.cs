using System.Text.Json.Nodes;
using NJsonSchema;

namespace AkvTask.Tests.Package;

/// <summary>
/// task.json is what the classic editor renders and what Azure DevOps checks on upload; it must follow the task
/// schema (build/tasks.schema.json, a copy of the one published with the task library).
/// </summary>
[TestFixture]
public sealed class TaskSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(PackageSources.ReadText("build/tasks.schema.json")).GetAwaiter().GetResult());

    private static IEnumerable<TestCaseData> BrokenTaskJsons()
    {
        yield return Broken("a string where a boolean is expected", task => Input(task, "SecretsFilter")["properties"]!["resizable"] = "true");
        yield return Broken("a handler the schema does not know", task => task["execution"]!["Node99"] = new JsonObject { ["target"] = "run.js" });
        yield return Broken("an input without a label", task => Input(task, "KeyVaultName").Remove("label"));
        yield return Broken("an unknown input type", task => Input(task, "RunAsPreJob")["type"] = "checkbox");
        yield return Broken("an unknown property", task => task["friendlyname"] = "Key Vault secrets");
        yield return Broken("a version part that is not a number", task => task["version"]!["Major"] = "1");
        yield return Broken("a name with a space", task => task["name"] = "Key Vault Secrets");
        yield return Broken("a group without a display name", task => task["groups"]![0]!.AsObject().Remove("displayName"));
    }

    [Test]
    public void The_task_json_follows_the_task_schema()
    {
        var errors = Validate(PackageSources.TaskJson());

        errors.Should().BeEmpty();
    }

    [TestCaseSource(nameof(BrokenTaskJsons))]
    public void The_schema_check_rejects_a_broken_task_json(Action<JsonObject> breakIt)
    {
        var task = PackageSources.TaskJson();
        breakIt(task);

        var errors = Validate(task);

        errors.Should().NotBeEmpty();
    }

    [Test]
    public void The_schema_knows_every_handler_the_task_uses()
    {
        // The copy of the schema does not list every handler the agent accepts; the task must use only those it lists,
        // or the schema check above would wave an unknown one through as long as the schema allowed extra handlers.
        var schema = JsonNode.Parse(PackageSources.ReadText("build/tasks.schema.json"))!;
        var task = PackageSources.TaskJson();

        foreach (var section in new[] { "execution", "prejobexecution", "postjobexecution" })
        {
            var listed = schema["properties"]![section]!["properties"]!.AsObject().Select(p => p.Key);
            schema["properties"]![section]!["additionalProperties"]!.GetValue<bool>().Should().BeFalse();
            task[section]!.AsObject().Select(h => h.Key).Should().BeSubsetOf(listed, $"every {section} handler must be one the schema lists");
        }
    }

    private static List<string> Validate(JsonObject task) =>
        Schema.Value.Validate(task.ToJsonString()).Select(error => error.ToString()).ToList();

    private static JsonObject Input(JsonObject task, string name) =>
        task["inputs"]!.AsArray().Single(input => (string?)input!["name"] == name)!.AsObject();

    private static TestCaseData Broken(string name, Action<JsonObject> breakIt) => new TestCaseData(breakIt).SetArgDisplayNames(name);
}
