using System.Text;

namespace ReplicaBench.Results;

/// <summary>
/// The one way results and report files are written: into a temporary file in the same folder,
/// then renamed over the target. A crash or a full disk therefore never leaves a truncated file in
/// place of a good one: the previous version stays until the new one is complete, and a failed
/// write removes its temporary file and throws one <see cref="OutputFileException"/> line.
/// </summary>
public static class AtomicFile
{
    /// <summary>What the temporary file's name ends with (<c>results.json.tmp</c>).</summary>
    public const string TemporarySuffix = ".tmp";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(Utf8.GetBytes(text)));
    }

    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes what <paramref name="write"/> puts on the stream, then renames it over <paramref name="path"/>.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var temporary = path + TemporarySuffix;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                // The data reaches the disk before the rename makes it the file: a power cut leaves the old one, not an empty one.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Remove(temporary);
            throw OutputFileException.For(path, ex);
        }
        catch
        {
            Remove(temporary);
            throw;
        }
    }

    private static void Remove(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing more can be done; the error being thrown says what went wrong.
        }
    }
}
