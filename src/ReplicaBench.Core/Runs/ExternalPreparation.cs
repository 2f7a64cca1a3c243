using ReplicaBench.Topology;
using ReplicaBench.Topology.External;
using ReplicaBench.Workload;

namespace ReplicaBench.Runs;

/// <summary>
/// <c>replicabench external prepare --allow-writes</c>: the one step against external endpoints that
/// writes, done once by a role that may create the suite's schema, so that every later run (a nightly
/// job with a read-only role) reads data that is already there and writes nothing. It verifies the
/// endpoints as <c>topology up --provider external</c> does (same configuration), creates and seeds
/// the suite's table on the primary, and waits until every replica has replayed it. Nothing is
/// recorded in a state directory: preparing is not bringing a topology up.
/// </summary>
public static class ExternalPreparation
{
    /// <summary>Verifies the endpoints, seeds <paramref name="rows"/> rows and waits for the replicas; returns the topology verified and the seed.</summary>
    public static async Task<(TopologyDescriptor Topology, SeedResult Seed)> PrepareAsync(
        ExternalTopologyProvider provider, long rows, Action<string> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provider);
        WorkloadSeeder.ValidateRowCount(rows);
        var topology = await provider.UpAsync(new TopologyRequest(0), Path.GetTempPath(), cancellationToken);
        if (!topology.WritesAllowed)
        {
            throw new BadInputException(
                $"'external prepare' creates schema {SuiteSchema.Name} on the primary and seeds its table, which writes; add --allow-writes (or \"allowWrites\": true in the config, or {ExternalEnvironment.AllowWrites}=true), as a role that may create the schema, not the nightly's read-only one.");
        }

        var seed = await MatrixSeeding.SeedAsync(topology, rows, step, cancellationToken);
        return (topology, seed!.Value);
    }
}
