using System.Text.Json;

namespace ReplicaBench.Results;

/// <summary>
/// Tells a ReplicaBench results file from any other JSON before it is bound: a foreign document
/// (no schemaVersion, or no run and cells) and a version this build cannot read each get one line
/// that says what the file is and what is expected.
/// </summary>
internal static class ResultsVersion
{
    public static void Check(JsonElement root, string file)
    {
        var expected = $"this replicabench reads results.json schemaVersion {RunResults.OldestReadableSchemaVersion} to {RunResults.CurrentSchemaVersion}";
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BadInputException($"'{file}' holds a JSON {Describe(root.ValueKind)}, not a ReplicaBench results.json (an object with schemaVersion, run and cells); pass the results.json a `replicabench load` run wrote.");
        }

        if (!root.TryGetProperty("schemaVersion", out var version))
        {
            throw new BadInputException($"'{file}' is JSON without a schemaVersion, not a ReplicaBench results.json; pass the results.json a `replicabench load` run wrote ({expected}).");
        }

        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number))
        {
            throw new BadInputException($"'{file}' has a schemaVersion that is not a whole number ({version.GetRawText()}), so it is not a ReplicaBench results.json; {expected}.");
        }

        if (number > RunResults.CurrentSchemaVersion)
        {
            throw new BadInputException($"results file '{file}' has schemaVersion {number}, newer than {expected}; update replicabench to read it.");
        }

        if (number < RunResults.OldestReadableSchemaVersion)
        {
            throw new BadInputException($"results file '{file}' has schemaVersion {number}, which no replicabench wrote; {expected}.");
        }

        if (!root.TryGetProperty("run", out var run) || run.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
        {
            throw new BadInputException($"'{file}' has a schemaVersion but no run object and cells array, so it is not a ReplicaBench results.json; pass the results.json a `replicabench load` run wrote.");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
