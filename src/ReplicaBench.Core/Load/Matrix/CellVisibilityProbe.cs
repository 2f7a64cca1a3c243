using ReplicaBench.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Load.Matrix;

/// <summary>
/// Runs the <see cref="VisibilityProbe"/> beside a load cell, over its measured window, so a run
/// reports the client-observed visibility delay per replica (and the report its t-visibility curve)
/// under the very load that was measured, not on an idle topology.
/// </summary>
/// <remarks>
/// The probe writes one marker row per <see cref="LoadMatrixSettings.VisibilityProbeSpacing"/> and
/// polls each replica only while a marker is unseen, so its own load is a few queries per marker on
/// a replica that keeps up (about 5 writes/s at the 200 ms default, next to thousands of operations);
/// on a replica with an apply delay it polls about once per millisecond until the marker shows.
/// It starts after the warm-up and sends markers for 90% of the measured window, leaving the rest
/// for the last markers to become visible. A probe failure (a replica down, the primary refusing
/// writes) never fails the cell: the replica's entry carries the error instead.
/// </remarks>
internal static class CellVisibilityProbe
{
    /// <summary>A marker not visible after this long counts as a timeout (the cell's end bounds it too).</summary>
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Starts the probe for the cell, or returns an empty result when it does not apply.</summary>
    public static Task<IReadOnlyList<CellVisibility>> StartAsync(
        TopologyDescriptor topology,
        LoadMatrixSettings settings,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (settings.VisibilityProbeSpacing is not { } spacing || topology.Replicas.Count == 0 || !topology.WritesAllowed)
        {
            return Task.FromResult<IReadOnlyList<CellVisibility>>([]);
        }

        // Each marker costs its spacing plus a write; 5 ms per write is generous on loopback under load.
        var samples = (int)Math.Clamp(settings.Duration * 0.85 / (spacing + TimeSpan.FromMilliseconds(5)), 1, VisibilityProbeOptions.MaxSamples);
        var options = new VisibilityProbeOptions { Samples = samples, Spacing = spacing, Timeout = MarkerTimeout };
        return RunAsync(topology, options, settings.WarmUp, timeProvider, cancellationToken);
    }

    /// <summary>
    /// The probe's result once the load has finished: it waits up to the marker timeout for the last
    /// markers, and gives up (an empty list) when the run was interrupted, so a Ctrl+C never costs
    /// the cell's own results.
    /// </summary>
    public static async Task<IReadOnlyList<CellVisibility>> CollectAsync(
        Task<IReadOnlyList<CellVisibility>> probe, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        try
        {
            return await probe.WaitAsync(MarkerTimeout, timeProvider, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            return [];
        }
    }

    private static async Task<IReadOnlyList<CellVisibility>> RunAsync(
        TopologyDescriptor topology, VisibilityProbeOptions options, TimeSpan warmUp, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await Task.Delay(warmUp, timeProvider, cancellationToken);
        try
        {
            var result = await new VisibilityProbe(topology, options, timeProvider).RunAsync(cancellationToken);
            return [.. result.Replicas.Select(From)];
        }
        catch (TopologyException ex)
        {
            return [.. topology.Replicas.Select(r => new CellVisibility(r.Name, 0, 0, null, null, null, null, null, null, ex.Message))];
        }
    }

    private static CellVisibility From(ReplicaVisibility replica) => new(
        replica.Name,
        replica.Samples,
        replica.Timeouts,
        replica.P50Ms,
        replica.P90Ms,
        replica.P99Ms,
        replica.MaxMs,
        replica.Samples == 0 ? null : replica.MeanResolution.TotalMilliseconds,
        replica.Samples == 0 ? null : VisibilityHistogram.Encode(replica.Histogram),
        replica.Error);
}
