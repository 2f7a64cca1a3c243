using System.Diagnostics;
using System.Globalization;
using Npgsql;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>
/// Changes a replica's <c>recovery_min_apply_delay</c> at runtime: <c>ALTER SYSTEM</c> is allowed on a
/// standby (it writes postgresql.auto.conf, not WAL) and the setting takes a reload. Disposing puts
/// the replica back on its postgresql.conf value (<c>ALTER SYSTEM RESET</c>), so tests that share the
/// topology see the delay they were promised.
/// </summary>
internal sealed class ApplyDelaySetting : IAsyncDisposable
{
    private readonly TopologyNode _replica;
    private readonly TimeSpan _original;

    private ApplyDelaySetting(TopologyNode replica, TimeSpan original)
    {
        _replica = replica;
        _original = original;
    }

    public static async Task<ApplyDelaySetting> ChangeAsync(TopologyNode replica, TimeSpan delay, CancellationToken cancellationToken)
    {
        var original = TimeSpan.FromMilliseconds(replica.ApplyDelayMs);
        var setting = new ApplyDelaySetting(replica, original);
        try
        {
            var ms = ((long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            await setting.ApplyAsync($"ALTER SYSTEM SET recovery_min_apply_delay = '{ms}ms'", delay, cancellationToken);
            return setting;
        }
        catch
        {
            await setting.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() =>
        await ApplyAsync("ALTER SYSTEM RESET recovery_min_apply_delay", _original, CancellationToken.None);

    private async Task ApplyAsync(string alterSystem, TimeSpan expected, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(_replica.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var alter = new NpgsqlCommand(alterSystem, connection))
        {
            await alter.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection))
        {
            await reload.ExecuteNonQueryAsync(cancellationToken);
        }

        // Backends (like the startup process) pick the reload up asynchronously: wait until it shows.
        await using var show = new NpgsqlCommand("SELECT setting::bigint FROM pg_settings WHERE name = 'recovery_min_apply_delay'", connection);
        var waited = Stopwatch.StartNew();
        while ((long)(await show.ExecuteScalarAsync(cancellationToken))! != (long)expected.TotalMilliseconds)
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(5))
            {
                throw new TimeoutException($"{_replica.Name} did not take recovery_min_apply_delay = {expected.TotalMilliseconds} ms within 5 s");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
