using Npgsql;
using ReplicaBench.Topology.External;
using ReplicaBench.Topology.Faults;

namespace ReplicaBench.Topology.Settings;

/// <summary>
/// Applies <c>--primary-setting</c>/<c>--replica-setting</c> to a topology the suite started: on
/// each node, as the superuser the provider made, <c>ALTER SYSTEM SET</c> each setting (PostgreSQL
/// itself refuses a name it does not know or a value it does not accept), then
/// <c>pg_reload_conf()</c>, or a restart when a setting's <c>pg_settings.context</c> is
/// <c>postmaster</c>; then it checks that the running server took each value from
/// postgresql.auto.conf, and records the settings in topology.json. The primary goes first: a
/// replica checks the primary's <c>max_connections</c>-like settings against its own when it
/// restarts.
/// </summary>
public static class ServerSettingsApplier
{
    /// <summary>How long a reloaded node gets to show the new values (the reload is a signal, handled asynchronously).</summary>
    public static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The one line an external topology gets: the suite changes no settings on servers it does not own.</summary>
    public const string ExternalRefusal =
        "--primary-setting/--replica-setting cannot change an external topology's servers: set them in the RDS parameter group (or the servers' own configuration) and drop the options.";

    /// <summary>
    /// Applies <paramref name="plan"/> to the topology recorded in <paramref name="stateDirectory"/>
    /// and records it there. Returns one line per node saying what was set and whether it was
    /// reloaded or restarted.
    /// </summary>
    /// <exception cref="BadInputException">PostgreSQL refused a setting, or it needs a restart that <c>--no-restart</c> forbids.</exception>
    public static async Task<IReadOnlyList<string>> ApplyAsync(TopologyStateDirectory stateDirectory, ServerSettingsPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateDirectory);
        ArgumentNullException.ThrowIfNull(plan);
        var topology = stateDirectory.Read();
        if (plan.IsEmpty)
        {
            return [];
        }

        if (topology.Provider == ExternalTopologyProvider.ProviderName)
        {
            throw new BadInputException(ExternalRefusal);
        }

        var lines = new List<string>();
        foreach (var name in topology.Nodes.Select(n => n.Name).ToList())
        {
            var node = topology.FindNode(name)!;
            var settings = plan.For(node.Role);
            if (settings.Count == 0)
            {
                continue;
            }

            var option = ServerSettingsPlan.OptionFor(node.Role);
            var restart = await WriteAsync(Direct(topology, node), settings, option, plan.NoRestart, cancellationToken);
            if (restart)
            {
                topology = await RestartAsync(stateDirectory, node, settings, option, cancellationToken);
            }

            var shown = await VerifyAsync(Direct(topology, topology.FindNode(name)!), settings, option, restart, cancellationToken);
            lines.Add($"{name}: {string.Join(", ", shown)} ({(restart ? "restarted" : "reloaded")})");
        }

        stateDirectory.Write(topology with { ServerSettings = plan.ToRecord() });
        return lines;
    }

    /// <summary>ALTER SYSTEM SET each setting on one node; true when one of them needs a restart. Reloads otherwise.</summary>
    private static async Task<bool> WriteAsync(TopologyNode node, IReadOnlyList<ServerSetting> settings, string option, bool noRestart, CancellationToken cancellationToken)
    {
        await using var connection = await NodeConnections.OpenAsync(node, cancellationToken, Unpooled);
        var restart = false;
        foreach (var setting in settings)
        {
            var change = await ContextAsync(connection, setting.Name, cancellationToken) is { } context ? SettingContexts.ChangeFor(context) : SettingChange.Reload;
            if (change == SettingChange.Impossible)
            {
                throw new BadInputException(
                    $"{option} {setting}: PostgreSQL fixes {setting.Name} when it is built or the cluster is made (pg_settings.context 'internal'); nothing can change it, drop the setting.");
            }

            if (change == SettingChange.Restart && noRestart)
            {
                throw new BadInputException(
                    $"{option} {setting}: {setting.Name} takes effect only after a server restart (pg_settings.context 'postmaster') and {ServerSettingsPlan.NoRestartOption} forbids one; drop {ServerSettingsPlan.NoRestartOption} or the setting.");
            }

            try
            {
                await using var alter = new NpgsqlCommand(setting.AlterSystemSql(), connection);
                await alter.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new BadInputException($"{option} {setting}: PostgreSQL refused it on {node.Name}: {ex.MessageText}; fix the name or value (see SHOW ALL, or pg_settings).", ex);
            }

            restart |= change == SettingChange.Restart;
        }

        if (!restart)
        {
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteNonQueryAsync(cancellationToken);
        }

        return restart;
    }

    private static async Task<TopologyDescriptor> RestartAsync(
        TopologyStateDirectory stateDirectory, TopologyNode node, IReadOnlyList<ServerSetting> settings, string option, CancellationToken cancellationToken)
    {
        var faults = (ServerFaults)TopologyFaults.For(stateDirectory);
        try
        {
            await faults.RestartNodeAsync(node.Name, cancellationToken);
        }
        catch (TopologyException ex)
        {
            // The value passed ALTER SYSTEM's checks but the server will not run with it (e.g. a
            // replica's max_connections below its primary's): the user's input, PostgreSQL's words.
            throw new BadInputException($"{option} {string.Join(", ", settings)}: {node.Name} did not run again after its restart: {ex.Message}", ex);
        }

        return faults.Topology;
    }

    /// <summary>
    /// Waits until the node's running value of each setting comes from postgresql.auto.conf (so
    /// the ALTER SYSTEM took) with no restart pending, and returns <c>name = current_setting(name)</c>.
    /// </summary>
    private static async Task<IReadOnlyList<string>> VerifyAsync(
        TopologyNode node, IReadOnlyList<ServerSetting> settings, string option, bool restarted, CancellationToken cancellationToken)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            // A new session each time: 'backend' settings reach only sessions started after the reload.
            await using var connection = await NodeConnections.OpenAsync(node, cancellationToken, Unpooled);
            var states = new List<SettingState>();
            foreach (var setting in settings)
            {
                states.Add(await StateAsync(connection, setting, cancellationToken));
            }

            if (states.All(s => s.Took))
            {
                return [.. states.Select(s => $"{s.Setting.Name} = {s.Shown}")];
            }

            if (stopwatch.Elapsed > VerifyTimeout)
            {
                var wrong = states.First(s => !s.Took);
                throw new BadInputException(
                    $"{option} {wrong.Setting}: after the {(restarted ? "restart" : "reload")} {node.Name} still runs with {wrong.Setting.Name} = {wrong.Shown} (from {wrong.Source}); a setting given on the server's command line wins over ALTER SYSTEM, drop it there or here.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static async Task<SettingState> StateAsync(NpgsqlConnection connection, ServerSetting setting, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT current_setting($1, true), s.source, s.sourcefile, s.pending_restart FROM (SELECT 1) one LEFT JOIN pg_settings s ON s.name = $1",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = setting.Name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var shown = reader.IsDBNull(0) ? "(unset)" : reader.GetString(0);
        var source = reader.IsDBNull(1) ? "nowhere" : reader.GetString(1);
        var file = reader.IsDBNull(2) ? "" : reader.GetString(2);
        var pending = !reader.IsDBNull(3) && reader.GetBoolean(3);
        var took = source == "configuration file" && file.EndsWith("postgresql.auto.conf", StringComparison.Ordinal) && !pending;
        return new SettingState(setting, shown, file.Length > 0 ? $"{source} {Path.GetFileName(file)}" : source, took);
    }

    private static async Task<string?> ContextAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT context FROM pg_settings WHERE name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The node as its server is reached directly: behind a pooler, settings go to the server, not to PgBouncer.</summary>
    private static TopologyNode Direct(TopologyDescriptor topology, TopologyNode node) =>
        topology.Pooler?.Nodes.TryGetValue(node.Name, out var pooled) == true ? node with { ConnectionString = pooled.ServerConnectionString } : node;

    // Unpooled: no pooled session outlives a restart or keeps settings from before a reload.
    private static void Unpooled(NpgsqlConnectionStringBuilder builder) => builder.Pooling = false;

    private sealed record SettingState(ServerSetting Setting, string Shown, string Source, bool Took);
}
