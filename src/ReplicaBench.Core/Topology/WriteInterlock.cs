using Npgsql;

namespace ReplicaBench.Topology;

/// <summary>
/// The check every entry point that writes calls before its first write: creating or seeding the
/// workload schema, the visibility probe's marker rows, a load run with writes in its mix.
/// Local and containers topologies are throwaway and always writable. An external topology is
/// someone's real database: the suite writes there only when <c>topology up</c> was given
/// <c>--allow-writes</c> (or <c>"allowWrites": true</c>), and even then only inside
/// <see cref="SuiteSchema.Name"/>. Refusal is a <see cref="BadInputException"/>: one line, exit 2.
/// </summary>
/// <remarks>
/// Behind this guard, an external primary's connection string also makes the session read-only
/// when writes are not allowed, so a writer that forgot to call it fails with PostgreSQL's
/// read-only error (25006) rather than changing anything.
/// </remarks>
public static class WriteInterlock
{
    /// <summary>Throws unless <paramref name="topology"/> allows the suite to write.</summary>
    /// <param name="topology">The topology about to be written to.</param>
    /// <param name="operation">What is about to write, for the message (e.g. <c>probe staleness</c>, <c>seeding the bench table</c>).</param>
    public static void EnsureWritesAllowed(TopologyDescriptor topology, string operation)
    {
        if (!topology.WritesAllowed)
        {
            throw new BadInputException(
                $"{operation} writes to the primary (in schema {SuiteSchema.Name} only), but this {topology.Provider} topology was brought up without --allow-writes; run 'replicabench topology down', then 'topology up' again with --allow-writes (or \"allowWrites\": true in the config) to permit it.");
        }
    }

    /// <summary>Checks the interlock, then opens a connection to the primary for writing.</summary>
    public static async Task<NpgsqlConnection> OpenPrimaryAsync(TopologyDescriptor topology, string operation, CancellationToken cancellationToken)
    {
        EnsureWritesAllowed(topology, operation);
        return await NodeConnections.OpenAsync(topology.Primary, cancellationToken);
    }
}
