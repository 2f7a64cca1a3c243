using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>How old the versions seen by stale reads were, ms; null when no read was stale.</summary>
[Description("Age of the versions that stale reads returned (how long they had been superseded), ms; null when no read was stale.")]
public sealed record AgePercentiles
{
    public double? P50 { get; init; }

    public double? P99 { get; init; }

    public double? Max { get; init; }
}
