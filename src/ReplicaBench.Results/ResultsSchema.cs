using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace ReplicaBench.Results;

/// <summary>
/// The JSON Schema of results.json, generated from the contract's own types (System.Text.Json's
/// <see cref="JsonSchemaExporter"/>) with each type's and property's <see cref="DescriptionAttribute"/>
/// as its description. <c>loadtests/results.schema.json</c> is this text; a test keeps them equal.
/// </summary>
public static class ResultsSchema
{
    /// <summary>The schema document as indented text, ending in a newline.</summary>
    public static string Generate()
    {
        var options = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Describe,
        };
        var schema = ResultsJsonContext.Default.Options.GetJsonSchemaAsNode(typeof(RunResults), options);
        if (schema is JsonObject root)
        {
            root.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
            root.Insert(1, "$id", "https://github.com/replicabench/replicabench/loadtests/results.schema.json");
            root.Insert(2, "title", "ReplicaBench results.json, schemaVersion " + RunResults.CurrentSchemaVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var text = schema.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return text + "\n";
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        var provider = context.PropertyInfo is { } property
            ? property.AttributeProvider
            : context.TypeInfo.Type;
        var description = provider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false)
            .OfType<DescriptionAttribute>()
            .FirstOrDefault()?.Description;
        if (description is null && context.PropertyInfo is { AttributeProvider: MemberInfo member })
        {
            description = PositionalDescription(member);
        }

        if (description is not null && schema is JsonObject node && !node.ContainsKey("description"))
        {
            node.Insert(0, "description", description);
        }

        return schema;
    }

    // A positional record's [property: Description] lands on the property, but the exporter may hand
    // over the constructor parameter instead: look the property up by name.
    private static string? PositionalDescription(MemberInfo member) =>
        member.DeclaringType?.GetProperty(member.Name)?.GetCustomAttribute<DescriptionAttribute>()?.Description;
}
