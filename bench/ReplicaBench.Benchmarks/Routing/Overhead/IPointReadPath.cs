namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// A way to run point reads whose CPU per operation is measured: a plain data source (the
/// baseline) or the router with one policy. Readers are opened once and kept for every pass, as a
/// load run's virtual users keep theirs, so opening connections is never part of a measured pass.
/// </summary>
public interface IPointReadPath : IAsyncDisposable
{
    /// <summary>The name the results use: the policy as --policy spells it, or the baseline's description.</summary>
    string Name { get; }

    /// <summary>True for a reference row that routes nothing (a plain data source on a replica), measured for comparison.</summary>
    bool IsReference => false;

    ValueTask<IPointReader> OpenReaderAsync(int virtualUser, CancellationToken cancellationToken);

    /// <summary>Share of this path's reads so far that replicas served (0 to 1), or null when it does not know.</summary>
    double? ReplicaReadShare();
}
