using System.Globalization;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Runs;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// Progress on a terminal: a Spectre.Console live table of the cells (elapsed, ops/s, p99, errors,
/// stale reads, server lag) and under it ONE progress bar for the whole matrix, with the time left
/// (<see cref="MatrixTimeline"/>) and a caption that follows the phase: the setup step (provisioning,
/// seeding), then per cell warm-up, measuring, finishing, and the wait before the next cell.
/// Updates come from the engine's collector thread; the view is guarded by a lock.
/// </summary>
internal sealed class LiveMatrixProgress(MatrixTimeline timeline) : IMatrixProgress
{
    private readonly Lock _lock = new();
    private readonly Table _table = new Table().Border(TableBorder.Rounded)
        .AddColumns("cell", "phase", "elapsed", "ops/s", "p99 ms", "errors", "stale", "server lag");

    private LiveDisplayContext? _context;
    private string _caption = "starting";
    private string? _note;
    private string _cell = "";
    private int _index = -1;
    private int _currentRow = -1;
    private TimeSpan _cellPlan;
    private TimeSpan _warmUp;

    /// <summary>How often the bar and its ETA are redrawn when nothing else happens (provisioning, seeding).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        return await AnsiConsole.Live(View()).AutoClear(false).StartAsync(async context =>
        {
            lock (_lock)
            {
                _context = context;
            }

            using var stop = new CancellationTokenSource();
            var ticking = TickAsync(stop.Token);
            try
            {
                return await work();
            }
            finally
            {
                await stop.CancelAsync();
                await ticking;
            }
        });
    }

    public void Step(string message)
    {
        lock (_lock)
        {
            if (_currentRow >= 0)
            {
                // A note during a cell (a warning, a late start): shown under the bar, the phase stays.
                _note = message;
            }
            else
            {
                _caption = _index < 0 ? message : $"{CellOf(_index + 1)}: {message}";
            }

            Refresh();
        }
    }

    public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
    {
        lock (_lock)
        {
            timeline.CellStarted(index);
            _cell = cellId;
            _index = index;
            _note = null;
            _warmUp = warmUp;
            _cellPlan = warmUp + duration;
            _table.AddRow(Markup.Escape(cellId), "starting", "", "", "", "", "", "");
            _currentRow = _table.Rows.Count - 1;
            _caption = $"{CellOf(index)} {cellId}: {(warmUp > TimeSpan.Zero ? "warm-up" : "measuring")}";
            Refresh();
        }
    }

    public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
    {
        lock (_lock)
        {
            if (_currentRow < 0)
            {
                return;
            }

            timeline.Interval(point.End);
            _caption = $"{CellOf(_index)} {_cell}: {PhaseAt(point)}";
            Update(
                MatrixProgressText.Phase(point),
                string.Create(CultureInfo.InvariantCulture, $"{point.End.TotalSeconds:0}s"),
                point.Throughput.ToString("0", CultureInfo.InvariantCulture),
                (point.Latency.P99 / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
                point.Failed.ToString(CultureInfo.InvariantCulture),
                point.StaleReads.ToString(CultureInfo.InvariantCulture),
                MatrixProgressText.Lag(replayLagMs));
        }
    }

    public void CellFinished(MatrixCell cell)
    {
        lock (_lock)
        {
            timeline.CellFinished();
            var total = cell.Result.Total;
            Update(
                cell.Result.IsPartial ? "interrupted" : "done",
                string.Create(CultureInfo.InvariantCulture, $"{cell.Result.MeasuredDuration.TotalSeconds:0}s"),
                total.Throughput.ToString("0", CultureInfo.InvariantCulture),
                (total.Latency.P99 / 1000.0).ToString("0.###", CultureInfo.InvariantCulture),
                total.Failed.ToString(CultureInfo.InvariantCulture),
                total.StaleReads.ToString(CultureInfo.InvariantCulture),
                "");
            _currentRow = -1;
            _caption = _index + 1 < timeline.CellCount
                ? $"{CellOf(_index)} {cell.Id}: done; {CellOf(_index + 1)} next (replicas catching up)"
                : $"{CellOf(_index)} {cell.Id}: done";
            Refresh();
        }
    }

    private async Task TickAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                lock (_lock)
                {
                    Refresh();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private string PhaseAt(TimeSeriesPoint point) =>
        point.Phase == RunPhase.WarmUp ? "warm-up" : point.End >= _cellPlan ? "finishing" : "measuring";

    private string CellOf(int index) => string.Create(CultureInfo.InvariantCulture, $"cell {index + 1}/{timeline.CellCount}");

    private void Update(params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            _table.UpdateCell(_currentRow, i + 1, Markup.Escape(cells[i]));
        }

        Refresh();
    }

    private void Refresh()
    {
        _context?.UpdateTarget(View());
        _context?.Refresh();
    }

    private IRenderable View()
    {
        var bar = MatrixProgressText.Bar(timeline.Fraction, timeline.Remaining, _caption, AnsiConsole.Profile.Capabilities.Unicode);
        return _note is null
            ? new Rows(_table, new Text(bar))
            : new Rows(_table, new Text(bar), new Text(_note));
    }
}
