using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.Runs;

/// <summary>
/// Sets the replicas' <c>hot_standby_feedback</c> for a cell (<c>load --hot-standby-feedback</c>) and
/// puts back what the topology had afterwards. The setting takes a reload (context <c>sighup</c>):
/// <c>ALTER SYSTEM</c>, <c>pg_reload_conf()</c>, then a new session must show the value before the
/// cell starts. The walreceiver rereads it on the reload and sends (or withdraws) its xmin to the
/// primary with its next feedback message.
/// </summary>
internal sealed class HotStandbyFeedbackSwitch
{
    private const string Setting = "hot_standby_feedback";

    /// <summary>How long a new session may take to show the reloaded value.</summary>
    private static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<(TopologyNode Node, string Running, string? Altered)> _original;

    private HotStandbyFeedbackSwitch(IReadOnlyList<(TopologyNode, string, string?)> original) => _original = original;

    /// <summary>
    /// Notes each replica's running value and whether it came from ALTER SYSTEM (postgresql.auto.conf,
    /// e.g. <c>topology up --replica-setting</c>): restoring sets that value again, or else resets the
    /// ALTER SYSTEM entry this switch made.
    /// </summary>
    public static async Task<HotStandbyFeedbackSwitch> CaptureAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var original = new List<(TopologyNode, string, string?)>();
        foreach (var replica in topology.Replicas.Select(r => Direct(topology, r)))
        {
            await using var connection = await NodeConnections.OpenAsync(replica, cancellationToken, Unpooled);
            await using var command = new NpgsqlCommand($"SELECT setting, source, coalesce(sourcefile, '') FROM pg_settings WHERE name = '{Setting}'", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var altered = reader.GetString(1) == "configuration file" && reader.GetString(2).EndsWith("postgresql.auto.conf", StringComparison.Ordinal);
            original.Add((replica, reader.GetString(0), altered ? reader.GetString(0) : null));
        }

        return new HotStandbyFeedbackSwitch(original);
    }

    /// <summary>Sets every replica's value and waits until a new session on each shows it.</summary>
    public async Task SetAsync(bool on, CancellationToken cancellationToken)
    {
        var value = on ? "on" : "off";
        foreach (var (replica, _, _) in _original)
        {
            await ApplyAsync(replica, $"ALTER SYSTEM SET {Setting} = {value}", value, cancellationToken);
        }
    }

    /// <summary>Puts every replica back as it was captured; a replica that cannot be reached (a fault left it down) is a line each, not an error.</summary>
    public async Task<IReadOnlyList<string>> RestoreAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (replica, running, altered) in _original)
        {
            try
            {
                await ApplyAsync(replica, altered is null ? $"ALTER SYSTEM RESET {Setting}" : $"ALTER SYSTEM SET {Setting} = {altered}", running, cancellationToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TopologyException or TimeoutException)
            {
                problems.Add($"warning: {replica.Name}: {Setting} not put back to {running} ({ex.Message.Split('\n')[0]}); set it again with ALTER SYSTEM");
            }
        }

        return problems;
    }

    private static async Task ApplyAsync(TopologyNode replica, string alter, string expected, CancellationToken cancellationToken)
    {
        await using (var connection = await NodeConnections.OpenAsync(replica, cancellationToken, Unpooled))
        {
            await using var command = new NpgsqlCommand($"{alter}; SELECT pg_reload_conf()", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            // A new session each time: the reload reaches running sessions only between their statements.
            await using var connection = await NodeConnections.OpenAsync(replica, cancellationToken, Unpooled);
            await using var show = new NpgsqlCommand($"SELECT setting FROM pg_settings WHERE name = '{Setting}'", connection);
            if ((string?)await show.ExecuteScalarAsync(cancellationToken) == expected)
            {
                return;
            }

            if (waited.Elapsed > VerifyTimeout)
            {
                throw new TopologyException(
                    $"{replica.Name} still runs with {Setting} other than {expected} {VerifyTimeout.TotalSeconds:0} s after ALTER SYSTEM and a reload; a setting on the server's command line wins over ALTER SYSTEM, drop it there.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>Behind a pooler, settings go to the server, not to PgBouncer.</summary>
    private static TopologyNode Direct(TopologyDescriptor topology, TopologyNode node) =>
        topology.Pooler?.Nodes.TryGetValue(node.Name, out var pooled) == true ? node with { ConnectionString = pooled.ServerConnectionString } : node;

    private static void Unpooled(NpgsqlConnectionStringBuilder builder) => builder.Pooling = false;
}
