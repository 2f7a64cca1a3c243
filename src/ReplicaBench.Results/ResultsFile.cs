using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReplicaBench.Results;

/// <summary>
/// Reads and writes <c>results.json</c> through <see cref="ResultsJsonContext"/>. Writing is atomic
/// (a temporary file, then a rename), so a reader, or a run killed mid-write, never sees half a
/// document. Reading turns every problem the user can fix (not JSON, not a results file, another
/// schema version, a wrong value) into one <see cref="BadInputException"/> line naming the file.
/// </summary>
public static class ResultsFile
{
    /// <summary>The file name inside a run folder.</summary>
    public const string FileName = "results.json";

    // Relaxed escaping keeps thresholds such as "p99<5ms" readable; the file is never inlined into HTML.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="results"/> to <paramref name="path"/> atomically (<see cref="AtomicFile"/>).</summary>
    /// <exception cref="OutputFileException">The file could not be written (a full disk); the previous one is still in place.</exception>
    public static void Write(string path, RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        AtomicFile.Write(path, stream => Serialize(stream, results));
    }

    /// <summary>The document as text, exactly as <see cref="Write"/> puts it on disk.</summary>
    public static string ToJson(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        using var buffer = new MemoryStream();
        Serialize(buffer, results);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads and validates one results.json.</summary>
    public static RunResults Read(string file)
    {
        using var document = JsonFiles.Parse(file);
        return FromDocument(document.RootElement, file);
    }

    /// <summary>Parses results.json text (<paramref name="source"/> names it in messages).</summary>
    public static RunResults Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"'{source}' is not valid JSON ({ex.Message}); pass the results.json a `replicabench load` run wrote.", ex);
        }

        using (document)
        {
            return FromDocument(document.RootElement, source);
        }
    }

    private static void Serialize(Stream stream, RunResults results)
    {
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        JsonSerializer.Serialize(writer, results, ResultsJsonContext.Default.RunResults);
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static RunResults FromDocument(JsonElement root, string file)
    {
        ResultsVersion.Check(root, file);
        RunResults? results;
        try
        {
            results = root.Deserialize(ResultsJsonContext.Default.RunResults);
        }
        catch (JsonException ex)
        {
            throw new BadInputException($"results file '{file}' has an unexpected value at {ex.Path ?? "$"}; regenerate it or fix that field.", ex);
        }

        if (results is null)
        {
            throw new BadInputException($"results file '{file}' is empty (null); re-run the load to regenerate it.");
        }

        if (results.Cells.Count == 0 && results.Run.Complete)
        {
            throw new BadInputException($"results file '{file}' is marked complete but has no cells; re-run the load to regenerate it.");
        }

        var duplicate = results.Cells.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new BadInputException($"results file '{file}' has two cells with id '{duplicate.Key}'; cell ids must be unique.");
        }

        return results;
    }
}
