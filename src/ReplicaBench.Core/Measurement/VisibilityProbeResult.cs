namespace ReplicaBench.Measurement;

/// <summary>What a <see cref="VisibilityProbe"/> run measured, per replica in topology order.</summary>
/// <param name="Options">The settings it ran with.</param>
/// <param name="Started">Wall-clock start (UTC).</param>
/// <param name="Duration">How long the run took, setup included.</param>
/// <param name="MarkersSent">Markers the writer sent (of <see cref="VisibilityProbeOptions.Samples"/> planned).</param>
/// <param name="Replicas">One result per replica, in topology order.</param>
public sealed record VisibilityProbeResult(
    VisibilityProbeOptions Options,
    DateTimeOffset Started,
    TimeSpan Duration,
    int MarkersSent,
    IReadOnlyList<ReplicaVisibility> Replicas)
{
    /// <summary>Markers planned but never sent: the send window closed or the probe was told to finish first.</summary>
    public int MarkersUnsent => Options.Samples - MarkersSent;
}
