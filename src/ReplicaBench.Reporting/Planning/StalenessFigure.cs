namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// One measured staleness figure and where it came from, e.g. "replica2 visibility p99 312 ms";
/// <paramref name="Text"/> replaces the default wording where "source value" reads badly.
/// </summary>
internal sealed record StalenessFigure(string Source, double Ms, string? Text = null)
{
    public override string ToString() => Text ?? $"{Source} {Format.Ms(Ms)}";
}
