using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Output;

/// <summary>The files a run streams to: the interval log and the JSON-lines series.</summary>
internal sealed class RunOutput : IDisposable
{
    private RunOutput(IntervalLogWriter log, SeriesWriter series, RunFiles files)
    {
        Log = log;
        Series = series;
        Files = files;
    }

    public IntervalLogWriter Log { get; }

    public SeriesWriter Series { get; }

    public RunFiles Files { get; }

    /// <summary>Creates the directory before anything starts, so an unusable one is reported as bad input.</summary>
    public static void PrepareDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"cannot write to output directory '{directory}' ({ex.Message}); choose a writable --out directory.", ex);
        }
    }

    public static RunOutput Create(string directory, RunFileNames names, LoadScenario scenario, DateTimeOffset startedAt, TimeSpan interval)
    {
        var files = new RunFiles(Path.Combine(directory, names.IntervalLog), Path.Combine(directory, names.Series));
        // Creating a file writes its header: a full disk here is one line naming it, as while streaming.
        var log = Named(files.IntervalLog, () => new IntervalLogWriter(
            files.IntervalLog,
            startedAt,
            $"ReplicaBench {scenario.Name}: values in microseconds; tags are <phase>/<metric>/<operation>@<node>, phase warmup|measurement, metric latency|stale-age|schedule-lag"));
        try
        {
            return new RunOutput(log, Named(files.Series, () => new SeriesWriter(files.Series, scenario, startedAt, interval)), files);
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        // Disposing flushes what is buffered: named too.
        try
        {
            OutputFileException.Naming(Files.IntervalLog, Log.Dispose);
        }
        finally
        {
            OutputFileException.Naming(Files.Series, Series.Dispose);
        }
    }

    private static T Named<T>(string path, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (IOException ex)
        {
            throw OutputFileException.For(path, ex);
        }
    }
}
