using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReplicaBench.Results;

/// <summary>
/// Reads and writes <c>micro/routing-overhead.json</c> (<see cref="RoutingOverheadResults"/>) through
/// the contract's source-generated serializer; reading turns every problem into one
/// <see cref="BadInputException"/> line naming the file.
/// </summary>
public static class RoutingOverheadFile
{
    /// <summary>The file name inside a run folder's <c>micro</c> folder.</summary>
    public const string FileName = "routing-overhead.json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="results"/> atomically (a temporary file, then a rename).</summary>
    public static void Write(string path, RoutingOverheadResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        AtomicFile.WriteAllText(path, ToJson(results));
    }

    /// <summary>The document as text, exactly as <see cref="Write"/> puts it on disk.</summary>
    public static string ToJson(RoutingOverheadResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, results, ResultsJsonContext.Default.RoutingOverheadResults);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Reads and checks one routing-overhead.json.</summary>
    public static RoutingOverheadResults Read(string file)
    {
        using var document = JsonFiles.Parse(file);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("schemaVersion", out var version) || !version.TryGetInt32(out var number))
        {
            throw new BadInputException($"'{file}' is not a routing-overhead file (no schemaVersion); regenerate it with the bench program's RoutingOverhead step.");
        }

        if (number > RoutingOverheadResults.CurrentSchemaVersion)
        {
            throw new BadInputException($"'{file}' has schemaVersion {number}, newer than this build reads ({RoutingOverheadResults.CurrentSchemaVersion}); update ReplicaBench.");
        }

        try
        {
            return root.Deserialize(ResultsJsonContext.Default.RoutingOverheadResults)
                ?? throw new BadInputException($"'{file}' is empty (null); regenerate it with the bench program's RoutingOverhead step.");
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"'{file}' has an unexpected value at {ex.Path ?? "$"}; regenerate it or fix that field.", ex);
        }
    }
}
