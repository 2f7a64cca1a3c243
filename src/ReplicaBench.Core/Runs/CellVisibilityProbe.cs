using ReplicaBench.Measurement;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

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
/// It starts after the warm-up and sends markers for at most 90% of the measured window (its send
/// window: under load, writes slower than planned leave markers unsent, and the result says so),
/// leaving the rest for the last markers to become visible. It finishes on its own one marker
/// timeout after the window's planned end, whatever it is waiting for then, and reports what it
/// measured: markers still unseen are censored, not dropped, and the entry says it did not keep up.
/// A probe failure (a replica down, the primary refusing writes) never fails the cell: the
/// replica's entry carries the error instead.
/// </remarks>
internal static class CellVisibilityProbe
{
    /// <summary>A marker not visible after this long counts as a timeout (the cell's end bounds it too).</summary>
    private static readonly TimeSpan MarkerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long collecting waits beyond the probe's own finish for it to stop and report.</summary>
    private static readonly TimeSpan FinishGrace = TimeSpan.FromSeconds(2);

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
        var options = new VisibilityProbeOptions { Samples = samples, Spacing = spacing, Timeout = MarkerTimeout, SendWindow = settings.Duration * 0.9 };
        return RunAsync(topology, options, settings.WarmUp, settings.Duration, timeProvider, cancellationToken);
    }

    /// <summary>
    /// The probe's result once the load has finished: it waits up to the marker timeout (and a
    /// grace for the probe to stop) for the last markers; a probe that still has not reported by
    /// then gets an entry per replica saying so, never an empty list. A run that was interrupted
    /// gets an empty list at once, so a Ctrl+C never costs the cell's own results.
    /// </summary>
    public static async Task<IReadOnlyList<CellVisibility>> CollectAsync(
        Task<IReadOnlyList<CellVisibility>> probe, TopologyDescriptor topology, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return [];
        }

        try
        {
            return await probe.WaitAsync(MarkerTimeout + FinishGrace, timeProvider, cancellationToken);
        }
        catch (TimeoutException)
        {
            return Failed(topology, $"the probe did not report within {(MarkerTimeout + FinishGrace).TotalSeconds:0.#}s of the load's end (it could not keep up)");
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    private static async Task<IReadOnlyList<CellVisibility>> RunAsync(
        TopologyDescriptor topology,
        VisibilityProbeOptions options,
        TimeSpan warmUp,
        TimeSpan duration,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        // The probe's own deadline: one marker timeout after the measured window's planned end.
        using var finish = new CancellationTokenSource(warmUp + duration + MarkerTimeout, timeProvider);
        await Task.Delay(warmUp, timeProvider, cancellationToken);
        try
        {
            var result = await new VisibilityProbe(topology, options, timeProvider).RunAsync(finish.Token, cancellationToken);
            return [.. result.Replicas.Select(r => From(r, options))];
        }
        catch (TopologyException ex)
        {
            return Failed(topology, ex.Message);
        }
    }

    private static IReadOnlyList<CellVisibility> Failed(TopologyDescriptor topology, string error) =>
        [.. topology.Replicas.Select(r => new CellVisibility(r.Name, error))];

    private static CellVisibility From(ReplicaVisibility replica, VisibilityProbeOptions options) => new(replica.Name, replica.Error)
    {
        MarkersPlanned = replica.MarkersPlanned,
        MarkersSent = replica.MarkersSent,
        Seen = replica.Seen,
        Censored = replica.Censored,
        Timeouts = replica.Timeouts,
        TimeoutMs = options.Timeout.TotalMilliseconds,
        P50 = replica.P50,
        P90 = replica.P90,
        P99 = replica.P99,
        Max = replica.Max,
        ResolutionMs = replica.Seen == 0 ? null : replica.MeanResolution.TotalMilliseconds,
        Histogram = replica.Seen == 0 ? null : VisibilityHistogram.Encode(replica.Histogram),
        Pace = replica.Pace,
        KeptUp = replica.KeptUp,
    };
}
