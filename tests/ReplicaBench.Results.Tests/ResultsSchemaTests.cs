using System.Text.Json.Nodes;

namespace ReplicaBench.Results.Tests;

/// <summary>loadtests/results.schema.json is generated from the contract's types and kept equal to them.</summary>
public sealed class ResultsSchemaTests
{
    private const string SchemaFile = "loadtests/results.schema.json";

    // To regenerate after a contract change: REPLICABENCH_UPDATE_SCHEMA=1 dotnet test tests/ReplicaBench.Results.Tests
    [Fact]
    public void The_published_schema_is_the_one_generated_from_the_contract_types()
    {
        var path = RepositoryFiles.Path(SchemaFile);
        var generated = ResultsSchema.Generate();
        if (Environment.GetEnvironmentVariable("REPLICABENCH_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.True(File.Exists(path), $"{SchemaFile} is missing; run the tests with REPLICABENCH_UPDATE_SCHEMA=1 to write it.");
        Assert.True(
            generated == File.ReadAllText(path),
            $"{SchemaFile} differs from the contract types; run the tests with REPLICABENCH_UPDATE_SCHEMA=1 to regenerate it, and review the diff.");
    }

    [Fact]
    public void The_schema_describes_every_cell_field_and_allows_null_for_unmeasured_figures()
    {
        var schema = JsonNode.Parse(ResultsSchema.Generate())!;
        var cell = schema["properties"]!["cells"]!["items"]!;
        var properties = cell["properties"]!.AsObject();

        Assert.Contains("operations", properties.Select(p => p.Key));
        Assert.All(properties, p => Assert.False(p.Value!["description"] is null, $"cells[].{p.Key} has no description"));
        var staleReads = properties["staleReads"]!["type"]!.AsArray().Select(t => t!.GetValue<string>());
        Assert.Contains("null", staleReads);
        var operations = properties["operations"]!["type"]!.GetValue<string>();
        Assert.Equal("integer", operations);
    }
}
