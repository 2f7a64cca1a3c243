using System.Diagnostics;
using System.Globalization;
using HdrHistogram;
using HdrHistogram.Utilities;
using ReplicaBench.Engine;
using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// The interval log is standard: every payload is a complete zlib stream that strict readers accept,
/// checked here with decoders that share nothing with the writer.
/// </summary>
public sealed class IntervalLogZlibTests
{
    [Fact]
    public async Task Every_histogram_in_the_log_is_a_complete_zlib_stream_holding_the_counts_and_percentiles_the_run_reports()
    {
        using var output = new TempDirectory();
        var result = await RunAsync(output.Path);
        var lines = HistogramLines(result.Files!.IntervalLog);

        var total = LatencyHistograms.CreateForTotal();
        var byCell = new Dictionary<string, LongHistogram>(StringComparer.Ordinal);
        foreach (var (tag, payload) in lines)
        {
            var strict = StrictZlibPayload.Parse(payload);
            Assert.Equal(LibraryCompressedCookie(), strict.Cookie);

            // The inflated bytes alone, then the library's own compressed path (what HistogramLogReader uses): the same histogram.
            var histogram = HistogramEncoding.DecodeFromByteBuffer(ByteBuffer.Allocate(strict.Inflated), 0);
            var viaLibrary = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(payload)), 0);
            Assert.Equal(viaLibrary.TotalCount, histogram.TotalCount);
            Assert.Equal(viaLibrary.GetMaxValue(), histogram.GetMaxValue());

            const string Measured = "measurement/latency/";
            if (tag.StartsWith(Measured, StringComparison.Ordinal))
            {
                total.Add(histogram);
                var cell = tag[Measured.Length..];
                if (!byCell.TryGetValue(cell, out var sum))
                {
                    sum = LatencyHistograms.CreateForTotal();
                    byCell[cell] = sum;
                }

                sum.Add(histogram);
            }
        }

        // What results.json gets: operations (successes) and latencyMs come from the total.
        Assert.Equal(result.Total.Succeeded, total.TotalCount);
        Assert.Equal(result.Total.Latency, LatencySummary.From(total));
        Assert.Equal(
            result.Buckets.Where(c => c.Stats.Succeeded > 0).ToDictionary(c => $"{c.Operation}@{c.Node}", c => c.Stats.Latency),
            byCell.ToDictionary(p => p.Key, p => LatencySummary.From(p.Value)));
        Assert.Equal(lines.Count, IntervalLogReader.Read(result.Files.IntervalLog).Count);
    }

    [Fact]
    public async Task Python_zlib_inflates_every_histogram_in_the_log_to_the_counts_dotnet_reads()
    {
        if (!PythonHasZlib())
        {
            Assert.Skip("python3 with its zlib module is not installed; the C# decoder above checks the same streams.");
        }

        using var output = new TempDirectory();
        var result = await RunAsync(output.Path);
        var script = Path.Combine(output.Path, "read_hlog.py");
        await File.WriteAllTextAsync(script, PythonReader, TestContext.Current.CancellationToken);

        var (code, stdout, stderr) = await RunProcessAsync("python3", script, result.Files!.IntervalLog);

        Assert.True(code == 0, $"python3 refused the log (exit {code}): {stderr}");
        var expected = HistogramLines(result.Files.IntervalLog)
            .Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Tag} {HistogramText.Decode(l.Payload).TotalCount}"));
        Assert.Equal(expected, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>zlib.decompress checks the header and the Adler-32 trailer ("incomplete or truncated stream" without one); the counts are LEB128 zig-zag words.</summary>
    private const string PythonReader = """
        import base64, struct, sys, zlib

        def counts_total(encoded):
            cookie, payload_length = struct.unpack(">ii", encoded[:8])
            data, i, total = encoded[40:40 + payload_length], 0, 0
            while i < len(data):
                value, shift = 0, 0
                for k in range(9):
                    b = data[i]
                    i += 1
                    if k == 8:
                        value |= b << 56
                        break
                    value |= (b & 0x7F) << shift
                    shift += 7
                    if b & 0x80 == 0:
                        break
                count = (value >> 1) ^ -(value & 1)
                if count > 0:
                    total += count
            return total

        for line in open(sys.argv[1], encoding="utf-8"):
            if not line.startswith("Tag="):
                continue
            fields = line.rstrip("\n").split(",")
            raw = base64.b64decode(fields[-1])
            cookie, length = struct.unpack(">ii", raw[:8])
            encoded = zlib.decompress(raw[8:8 + length])
            print(fields[0][len("Tag="):], counts_total(encoded))
        """;

    private static List<(string Tag, string Payload)> HistogramLines(string path) =>
    [
        .. File.ReadAllLines(path)
            .Where(l => l.StartsWith("Tag=", StringComparison.Ordinal))
            .Select(l => (l[4..l.IndexOf(',', StringComparison.Ordinal)], l[(l.LastIndexOf(',') + 1)..])),
    ];

    /// <summary>The cookie HdrHistogram.NET itself puts in front of a compressed histogram.</summary>
    private static int LibraryCompressedCookie()
    {
        var histogram = LatencyHistograms.CreateForTotal();
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        histogram.EncodeIntoCompressedByteBuffer(buffer);
        buffer.Position = 0;
        return buffer.GetInt();
    }

    private static bool PythonHasZlib()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("python3", ["-c", "import zlib"]) { RedirectStandardError = true });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static Task<LoadRunResult> RunAsync(string directory) => MixedReadWriteRun.RunAsync(directory, "zlib", timeSpread: 11, think: 4);
}
