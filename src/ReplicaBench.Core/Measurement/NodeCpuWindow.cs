using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;

namespace ReplicaBench.Measurement;

/// <summary>
/// Reads every emulated node's cgroup CPU counter at both ends of a measured window (the engine's
/// <c>MeasurementStarted</c> and <c>MeasurementEnded</c>), so that each node's CPU covers exactly
/// the operations the window counts. A topology without CPU accounting (containers, external, or no
/// <c>--node-cpus</c>) gives no figures.
/// </summary>
public sealed class NodeCpuWindow(IReadOnlyList<NodeCpuMeter> meters, TimeProvider timeProvider)
{
    private long[]? _start;
    private long _startedAt;
    private long[]? _end;
    private long _endedAt;

    /// <summary>The window begins at <paramref name="timestamp"/> (a <see cref="TimeProvider.GetTimestamp"/> value).</summary>
    public void Begin(long timestamp)
    {
        _start = Read();
        _startedAt = timestamp;
    }

    /// <summary>The window ends at <paramref name="timestamp"/>.</summary>
    public void End(long timestamp)
    {
        _end = Read();
        _endedAt = timestamp;
    }

    /// <summary>
    /// Each node's CPU over the window; empty when the window did not both begin and end. A node
    /// whose counter could not be read at either end (its group gone) is left out.
    /// </summary>
    public IReadOnlyList<NodeCpuFigures> Figures()
    {
        if (_start is not { } start || _end is not { } end || _endedAt < _startedAt)
        {
            return [];
        }

        var window = timeProvider.GetElapsedTime(_startedAt, _endedAt);
        return [.. meters
            .Select((meter, i) => (meter, i))
            .Where(m => start[m.i] >= 0 && end[m.i] >= start[m.i])
            .Select(m => new NodeCpuFigures(m.meter.Node, m.meter.QuotaCores, TimeSpan.FromMicroseconds(end[m.i] - start[m.i]), window))];
    }

    private long[] Read() => [.. meters.Select(ReadOrMissing)];

    private static long ReadOrMissing(NodeCpuMeter meter)
    {
        try
        {
            return meter.ReadUsageMicroseconds();
        }
        catch (TopologyException)
        {
            // The group is gone (a test removed it, or a down raced the cell): no figure for it.
            return -1;
        }
    }
}
