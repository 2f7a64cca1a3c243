namespace ReplicaBench.Reporting.Results;

/// <summary>Reads the policy meant for <see cref="Intended"/> that <see cref="Served"/> answered.</summary>
public sealed record RoutedReads(string Intended, string Served, long Reads)
{
    public bool IsFallback => !string.Equals(Intended, Served, StringComparison.Ordinal);
}
