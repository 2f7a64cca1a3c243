namespace ReplicaBench.Topology;

/// <summary>
/// The contract every topology source implements: <c>local</c> (servers from this machine's
/// PostgreSQL binaries), and later <c>containers</c> and <c>external</c>.
/// </summary>
public interface ITopologyProvider
{
    /// <summary>The name used with <c>--provider</c> and stored in topology.json.</summary>
    string Name { get; }

    /// <summary>
    /// Brings up a primary and the requested replicas and returns once every node accepts
    /// connections and every replica streams. On failure or cancellation it removes whatever it
    /// started before rethrowing: a failed <c>up</c> leaves nothing behind.
    /// </summary>
    /// <param name="request">What to bring up.</param>
    /// <param name="workDirectory">A private directory (the state dir) the provider may use for its own files.</param>
    /// <param name="cancellationToken">Cancels the start; cleanup still runs.</param>
    Task<TopologyDescriptor> UpAsync(TopologyRequest request, string workDirectory, CancellationToken cancellationToken);

    /// <summary>Stops and removes everything <see cref="UpAsync"/> created. Safe on a half-gone topology.</summary>
    Task DownAsync(TopologyDescriptor topology, CancellationToken cancellationToken);
}
