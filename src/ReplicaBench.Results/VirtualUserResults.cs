using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>How evenly the virtual users worked: a large spread means some were starved.</summary>
public sealed record VirtualUserResults
{
    [Description("Virtual users that ran.")]
    public int Count { get; init; }

    [Description("Fewest operations one virtual user completed.")]
    public long MinOperations { get; init; }

    [Description("Most operations one virtual user completed.")]
    public long MaxOperations { get; init; }
}
