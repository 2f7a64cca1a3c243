using System.Diagnostics;
using ReplicaBench.Engine.Recording;

namespace ReplicaBench.Engine.Telemetry;

/// <summary>
/// One run's per-operation metrics: the tags of every bucket (operation × node) and outcome built
/// once, when the run starts, so that recording an operation is an <see cref="System.Diagnostics.Metrics.Instrument.Enabled"/>
/// check when nobody listens, and an add to the listener's aggregate for a ready-made tag list when someone does.
/// </summary>
/// <remarks>
/// It runs on the virtual user's thread, which with inline socket completions is the epoll thread
/// (see /work/shared/PERFORMANCE.md): no allocation, no lock, no string work here. The costs are
/// measured by <c>OperationTelemetryBenchmarks</c>.
/// </remarks>
internal sealed class OperationTelemetry
{
    private readonly TagList[] _succeeded;
    private readonly TagList[] _failed;
    private readonly TagList[] _stale;

    public OperationTelemetry(BucketLayout layout, string cell)
    {
        _succeeded = new TagList[layout.BucketCount];
        _failed = new TagList[layout.BucketCount];
        _stale = new TagList[layout.BucketCount];
        for (var bucket = 0; bucket < layout.BucketCount; bucket++)
        {
            var node = layout.NodeName(layout.NodeSlotOf(bucket));
            var operation = layout.OperationName(layout.OperationOf(bucket));
            _succeeded[bucket] = Tags(cell, node, operation, ReplicaBenchMeter.Success);
            _failed[bucket] = Tags(cell, node, operation, ReplicaBenchMeter.Error);
            _stale[bucket] = new TagList { { "cell", cell }, { "node", node }, { "operation", operation } };
        }
    }

    /// <summary>One completed operation of <paramref name="bucket"/>; the latency counts only when it succeeded, as in results.json.</summary>
    public void RecordCompleted(int bucket, bool succeeded, bool stale, long latencyMicroseconds)
    {
        if (ReplicaBenchMeter.Operations.Enabled)
        {
            ReplicaBenchMeter.Operations.Add(1, in (succeeded ? ref _succeeded[bucket] : ref _failed[bucket]));
        }

        if (succeeded && ReplicaBenchMeter.OperationDuration.Enabled)
        {
            ReplicaBenchMeter.OperationDuration.Record(latencyMicroseconds * 1e-6, in _succeeded[bucket]);
        }

        if (stale && ReplicaBenchMeter.StaleReads.Enabled)
        {
            ReplicaBenchMeter.StaleReads.Add(1, in _stale[bucket]);
        }
    }

    /// <summary>A failure that no operation claimed (the virtual user threw): counted, as results.json counts it.</summary>
    public void RecordUnattributed(int bucket)
    {
        if (ReplicaBenchMeter.Operations.Enabled)
        {
            ReplicaBenchMeter.Operations.Add(1, in _failed[bucket]);
        }
    }

    private static TagList Tags(string cell, string node, string operation, string outcome) =>
        new() { { "cell", cell }, { "node", node }, { "operation", operation }, { "outcome", outcome } };
}
