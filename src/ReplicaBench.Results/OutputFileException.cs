namespace ReplicaBench;

/// <summary>
/// A results or report file could not be written: most often a full disk. The message is one line
/// naming the file and what to do; front ends print it without a stack trace and exit 1 (the work
/// ran; what was written before stays in place, see <see cref="Results.AtomicFile"/>).
/// </summary>
public sealed class OutputFileException : IOException
{
    // errno values .NET puts in an IOException's HResult on Linux: no space left, disk quota exceeded.
    private const int NoSpaceLeft = 28;
    private const int QuotaExceeded = 122;

    public OutputFileException(string message)
        : base(message)
    {
    }

    public OutputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutputFileException()
    {
    }

    /// <summary>The file that could not be written.</summary>
    public string? FilePath { get; private init; }

    /// <summary>Whether the disk (or the user's quota) was full.</summary>
    public bool DiskFull { get; private init; }

    /// <summary>The one-line error for a failure to write <paramref name="path"/>.</summary>
    public static OutputFileException For(string path, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OutputFileException already)
        {
            return already;
        }

        var full = IsDiskFull(exception);
        var message = full
            ? $"cannot write '{path}': the disk is full; free space on it or choose another --out."
            : $"cannot write '{path}' ({OneLine(exception.Message)}); make the folder writable or choose another --out.";
        return new OutputFileException(message, exception) { FilePath = path, DiskFull = full };
    }

    /// <summary>Runs <paramref name="write"/>, a write to <paramref name="path"/>; an <see cref="IOException"/> becomes the one-line error naming the file.</summary>
    public static void Naming(string path, Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            write();
        }
        catch (IOException ex)
        {
            throw For(path, ex);
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the disk or quota is full.</summary>
    public static bool IsDiskFull(Exception exception) =>
        exception is IOException { HResult: NoSpaceLeft or QuotaExceeded }
        || (exception is IOException && exception.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase));

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
