using System.Text.Json;

namespace ReplicaBench.Results;

/// <summary>Parses a JSON file and turns a syntax error into one line naming the file, line and byte.</summary>
public static class JsonFiles
{
    public static JsonDocument Parse(string file)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot read '{file}' ({ex.Message}); check the path and its permissions.", ex);
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            // LineNumber and BytePositionInLine are zero-based; people count from one.
            var where = ex.LineNumber is { } line
                ? $"line {line + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}"
                : "an unknown position";
            var what = bytes.Length == 0 ? "empty" : "corrupt or truncated";
            throw new BadInputException($"'{file}' is {what}: invalid JSON at {where} (of {bytes.Length} bytes); re-run to regenerate it.", ex);
        }
    }
}
