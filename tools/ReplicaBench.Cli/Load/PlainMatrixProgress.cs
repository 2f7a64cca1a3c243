using System.Diagnostics;
using System.Globalization;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Runs;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// Progress for redirected output (CI logs): one plain line per step, one per ~5 s of a cell and
/// one per finished cell; no control characters, invariant culture. Each line starts with the UTC
/// time it was written (<c>10:17:23Z load: ...</c>), so a log read later says when each step happened,
/// whatever the CI system adds or strips.
/// </summary>
internal sealed class PlainMatrixProgress(TextWriter output, TimeProvider? timeProvider = null) : IMatrixProgress
{
    private readonly TimeProvider _clock = timeProvider ?? TimeProvider.System;

    private static readonly TimeSpan LineEvery = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private string _cell = "";
    private long _lastLine;

    public void Step(string message) => Write($"load: {message}");

    public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
    {
        _cell = cellId;
        _lastLine = Stopwatch.GetTimestamp();
        Write(string.Create(CultureInfo.InvariantCulture, $"load: cell {index + 1}/{cellCount} {cellId}: warm-up {warmUp.TotalSeconds:0.#}s, measure {duration.TotalSeconds:0.#}s"));
    }

    public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
    {
        if (Stopwatch.GetElapsedTime(_lastLine) < LineEvery)
        {
            return;
        }

        _lastLine = Stopwatch.GetTimestamp();
        Write(MatrixProgressText.Line(_cell, point, replayLagMs));
    }

    public void CellFinished(MatrixCell cell) => Write("load: " + MatrixProgressText.Summary(cell));

    private void Write(string line)
    {
        lock (_lock)
        {
            output.WriteLine(_clock.GetUtcNow().ToString("HH:mm:ss'Z' ", CultureInfo.InvariantCulture) + line);
            output.Flush();
        }
    }
}
