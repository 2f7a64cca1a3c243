using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Runs;

/// <summary>What a front end hears while a matrix runs: phases, one point per interval, finished cells.</summary>
public interface IMatrixProgress
{
    /// <summary>A step outside the cells (provisioning, seeding, tearing down).</summary>
    void Step(string message);

    /// <summary>A cell starts (index from 0 of <paramref name="cellCount"/>).</summary>
    void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration);

    /// <summary>One report interval of the running cell, with the latest server lag (ms) per replica.</summary>
    void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs);

    /// <summary>A cell finished (or was interrupted).</summary>
    void CellFinished(MatrixCell cell);
}
