using Npgsql;
using NpgsqlTypes;
using ReplicaBench.Topology;

namespace ReplicaBench.Measurement;

/// <summary>
/// The primary's WAL rate over a measured window: <c>pg_current_wal_lsn()</c> read at both ends (the
/// engine's <c>MeasurementStarted</c> and <c>MeasurementEnded</c>) on a connection opened before,
/// bytes between the two over the time between the two answers. It is what a replica must replay per
/// second to keep up, the figure <c>replicabench limits</c> sets beside each replica's lag.
/// </summary>
/// <remarks>
/// The reads run on their own task so that the engine's callback does not wait for the server; each
/// end is timed when its answer arrives, so the rate's time base is the one the LSNs belong to. A read
/// that fails (a primary killed by a fault, a lost connection) leaves the rate unknown, never wrong.
/// </remarks>
public sealed class WalRateWindow : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Task<(ulong Lsn, long At)?>? _begin;
    private Task<(ulong Lsn, long At)?>? _end;

    private WalRateWindow(NpgsqlConnection? connection, TimeProvider timeProvider)
    {
        _connection = connection;
        _timeProvider = timeProvider;
    }

    /// <summary>Opens the window's connection to <paramref name="primary"/>; a primary that cannot be reached gives a window without a rate.</summary>
    public static async Task<WalRateWindow> OpenAsync(TopologyNode primary, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(timeProvider);
        try
        {
            return new WalRateWindow(await NodeConnections.OpenAsync(primary, cancellationToken), timeProvider);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return new WalRateWindow(null, timeProvider);
        }
    }

    /// <summary>The window begins: the start LSN is read now.</summary>
    public void Begin(long timestamp) => _begin = ReadAsync();

    /// <summary>The window ends: the end LSN is read now.</summary>
    public void End(long timestamp) => _end = ReadAsync();

    /// <summary>WAL bytes per second over the window; null when either end could not be read, or the window did not both begin and end.</summary>
    public async Task<double?> BytesPerSecondAsync()
    {
        if (_begin is null || _end is null || await _begin is not { } begin || await _end is not { } end || end.At <= begin.At || end.Lsn < begin.Lsn)
        {
            return null;
        }

        return (end.Lsn - begin.Lsn) / _timeProvider.GetElapsedTime(begin.At, end.At).TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        // Both reads done first: the connection is not closed under one.
        await IgnoreAsync(_begin);
        await IgnoreAsync(_end);
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _gate.Dispose();
    }

    private async Task<(ulong Lsn, long At)?> ReadAsync()
    {
        if (_connection is null)
        {
            return null;
        }

        await _gate.WaitAsync();
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", _connection);
            var lsn = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync())!;
            return ((ulong)lsn, _timeProvider.GetTimestamp());
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task IgnoreAsync(Task? task)
    {
        if (task is not null)
        {
            await task;
        }
    }
}
