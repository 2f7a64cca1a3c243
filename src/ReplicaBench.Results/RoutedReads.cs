using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ReplicaBench.Results;

/// <summary>Reads the policy meant for <see cref="Intended"/> that <see cref="Served"/> answered, in the measured window.</summary>
public sealed record RoutedReads(
    [property: Description("The node the policy chose.")] string Intended,
    [property: Description("The node that answered.")] string Served,
    [property: Description("Reads in the measured window; the pairs add up to the nodes' reads.")] long Reads)
{
    [JsonIgnore]
    public bool IsFallback => !string.Equals(Intended, Served, StringComparison.Ordinal);
}
