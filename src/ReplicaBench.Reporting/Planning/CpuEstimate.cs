using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>A replica count in CPU terms, and the measured cell and nodes it rests on.</summary>
/// <param name="Cell">The measured cell whose CPU per read the estimate uses.</param>
/// <param name="Replicas">Replicas needed for the target reads.</param>
/// <param name="ReplicaCpus">The size of each, in CPUs.</param>
/// <param name="MicrosPerRead">CPU microseconds per read on the replicas, operations-weighted.</param>
/// <param name="ReadsPerReplica">Reads per second one replica carries with headroom.</param>
/// <param name="MeasuredOn">The replica nodes the CPU per read was measured on.</param>
/// <param name="Primary">The primary's share of the target writes; null when not measured.</param>
internal sealed record CpuEstimate(
    CellResults Cell, int Replicas, double ReplicaCpus, double MicrosPerRead, double ReadsPerReplica, IReadOnlyList<string> MeasuredOn, PrimaryEstimate? Primary)
{
    /// <summary>True when the primary is known to carry the target writes (or none are asked for).</summary>
    public bool PrimaryFits(PlanRequest request) => Primary?.Fits ?? request.TargetWrites == 0;
}
