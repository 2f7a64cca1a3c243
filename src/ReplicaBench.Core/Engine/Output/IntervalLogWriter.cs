using System.Globalization;
using System.Text;
using HdrHistogram;

namespace ReplicaBench.Engine.Output;

/// <summary>
/// Writes an HdrHistogram interval log (format 1.3, as Java's HistogramLogWriter writes it): a
/// header with start and base time, then one line per interval and tag holding the compressed
/// histogram. Readable by <see cref="HistogramLogReader"/> and HdrHistogram's own tools.
/// </summary>
/// <remarks>
/// Written here rather than with HdrHistogram.NET 2.5's <c>HistogramLogWriter</c> because that
/// one writes UTF-16, which the Java and Python log tools cannot read, and takes no base time.
/// The line format is the library's; each payload is a complete zlib stream
/// (<see cref="LatencyHistogramCodec"/>), which the library's own writer does not produce.
/// </remarks>
internal sealed class IntervalLogWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly StreamWriter _writer;

    public IntervalLogWriter(string path, DateTimeOffset startTime, string comment)
    {
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1);
        _writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024) { NewLine = "\n" };
        var seconds = startTime.ToUnixTimeMilliseconds() / 1000.0;
        _writer.WriteLine("#[Histogram log format version 1.3]");
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[StartTime: {seconds:F3} (seconds since epoch), {startTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}]"));
        _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#[BaseTime: {seconds:F3} (seconds since epoch)]"));
        _writer.WriteLine($"#[{comment}]");
        _writer.WriteLine("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"");
        Flush();
    }

    /// <summary>Appends one interval histogram; <paramref name="start"/> is from the run start (the log's base time).</summary>
    public void Append(string tag, HistogramBase histogram, TimeSpan start, TimeSpan length)
    {
        var payload = LatencyHistogramCodec.Encode(histogram);

        // Interval_Max in milliseconds (values are microseconds), as HdrHistogram's tools display it.
        _writer.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Tag={tag},{start.TotalSeconds:F3},{length.TotalSeconds:F3},{histogram.GetMaxValue() / 1000.0:F3},{payload}"));
    }

    /// <summary>Pushes everything written so far to the operating system (a crash of this process loses nothing).</summary>
    public void Flush()
    {
        _writer.Flush();
        _stream.Flush(flushToDisk: false);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _stream.Dispose();
    }
}
