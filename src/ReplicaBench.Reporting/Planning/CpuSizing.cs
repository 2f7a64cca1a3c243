namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// The node sizes a plan in CPU terms is for: <c>plan --replica-cpus X --primary-cpus Y</c>; each
/// null means "the size the run measured".
/// </summary>
public sealed record CpuSizing(double? ReplicaCpus = null, double? PrimaryCpus = null)
{
    public static CpuSizing Measured { get; } = new();

    /// <summary>True when the plan is for nodes of another size than measured, so every answer is an extrapolation.</summary>
    public bool Resized => ReplicaCpus is not null || PrimaryCpus is not null;
}
