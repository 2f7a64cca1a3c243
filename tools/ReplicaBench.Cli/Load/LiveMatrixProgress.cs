using System.Globalization;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Runs;
using Spectre.Console;

namespace ReplicaBench.Cli.Load;

/// <summary>
/// Progress on a terminal: a Spectre.Console live table of the current cell (elapsed, ops/s, p99,
/// errors, stale reads, server lag) above the finished cells. Updates come from the engine's
/// collector thread; the table is guarded by a lock and redrawn on each update.
/// </summary>
internal sealed class LiveMatrixProgress : IMatrixProgress
{
    private readonly Lock _lock = new();
    private readonly Table _table = new Table().Border(TableBorder.Rounded)
        .AddColumns("cell", "phase", "elapsed", "ops/s", "p99 ms", "errors", "stale", "server lag");

    private LiveDisplayContext? _context;
    private string _cell = "";
    private string _step = "starting";
    private int _currentRow = -1;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        var layout = new Rows(_table);
        return await AnsiConsole.Live(layout).AutoClear(false).StartAsync(async context =>
        {
            lock (_lock)
            {
                _context = context;
            }

            return await work();
        });
    }

    public void Step(string message)
    {
        lock (_lock)
        {
            _step = message;
            _table.Caption = new TableTitle(Markup.Escape(message));
            _context?.Refresh();
        }
    }

    public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
    {
        lock (_lock)
        {
            _cell = cellId;
            _table.AddRow(Markup.Escape(cellId), "starting", "", "", "", "", "", "");
            _currentRow = _table.Rows.Count - 1;
            _table.Caption = new TableTitle(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"cell {index + 1}/{cellCount}: {_step}")));
            _context?.Refresh();
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
        }
    }

    private void Update(params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            _table.UpdateCell(_currentRow, i + 1, Markup.Escape(cells[i]));
        }

        _context?.Refresh();
    }
}
