using System.Diagnostics;
using Npgsql;

namespace ReplicaBench.Topology;

/// <summary>
/// When a freshly started topology is ready: every replica streams, as the primary's
/// <c>pg_stat_replication</c> sees it (by <c>application_name</c>). One check for every provider
/// that starts servers, so "up" means the same thing whatever made the topology.
/// </summary>
public static class ReplicationReadiness
{
    /// <summary>How long replicas get to start streaming once their servers accept connections.</summary>
    public static readonly TimeSpan StreamingTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until the primary shows every named replica streaming, or throws a <see cref="TopologyException"/> naming the missing ones.</summary>
    public static async Task WaitForStreamingAsync(string primaryConnectionString, IReadOnlyList<string> replicas, CancellationToken cancellationToken)
    {
        if (replicas.Count == 0)
        {
            return;
        }

        await using var connection = new NpgsqlConnection(primaryConnectionString);
        await connection.OpenAsync(cancellationToken);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT application_name FROM pg_stat_replication WHERE state = 'streaming'", connection);
            var streaming = new HashSet<string>(StringComparer.Ordinal);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    streaming.Add(reader.GetString(0));
                }
            }

            var missing = replicas.Where(r => !streaming.Contains(r)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (waited.Elapsed > StreamingTimeout)
            {
                throw new TopologyException($"{string.Join(", ", missing)} did not start streaming within {StreamingTimeout.TotalSeconds:0}s.");
            }

            await Task.Delay(50, cancellationToken);
        }
    }
}
