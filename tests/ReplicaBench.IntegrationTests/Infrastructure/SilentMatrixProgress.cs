using ReplicaBench.Engine.RunResults;
using ReplicaBench.Runs;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>Progress for a matrix run whose test reads only its results.</summary>
internal sealed class SilentMatrixProgress : IMatrixProgress
{
    public void Step(string message)
    {
    }

    public void CellStarted(string cellId, int index, int cellCount, TimeSpan warmUp, TimeSpan duration)
    {
    }

    public void Interval(TimeSeriesPoint point, IReadOnlyDictionary<string, double> replayLagMs)
    {
    }

    public void CellFinished(MatrixCell cell)
    {
    }
}
