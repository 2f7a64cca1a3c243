using Npgsql;

namespace ReplicaBench.Routing;

/// <summary>
/// Which replicas the router may send reads to. A replica whose connection fails is marked down on
/// the board at once (its idle pooled connections cleared); a background loop probes it every
/// <see cref="RouterOptions.RecheckInterval"/> and returns it to rotation when it answers as a
/// standby. A retired replica (promoted, or left behind by a failover) never comes back.
/// </summary>
internal sealed class ReplicaRotation : IAsyncDisposable
{
    private readonly NodeStateBoard _board;
    private readonly NodeDataSources _dataSources;
    private readonly RoutingCounters _counters;
    private readonly TimeSpan _recheckTimeout;
    private readonly int[] _retired;
    private readonly ReplicaRechecker _rechecker;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _recheckLoop;

    /// <param name="board">The board decisions are read from; replicas are indexed 0..N-1 on it.</param>
    /// <param name="dataSources">The per-node pools (node = replica + 1).</param>
    /// <param name="counters">Where replicas marked down and up are counted.</param>
    /// <param name="options">The recheck interval, timeout and clock.</param>
    public ReplicaRotation(NodeStateBoard board, NodeDataSources dataSources, RoutingCounters counters, RouterOptions options)
    {
        _board = board;
        _dataSources = dataSources;
        _counters = counters;
        _recheckTimeout = options.RecheckTimeout;
        _retired = new int[board.ReplicaCount];
        _rechecker = new ReplicaRechecker(board, ProbeAsync, replica => counters.RecordMarkedUp(replica + 1));
        _recheckLoop = _rechecker.RunAsync(options.RecheckInterval, options.TimeProvider, _stop.Token);
    }

    /// <summary>Takes the replica at decision index <paramref name="node"/> out of rotation until a recheck finds it answering.</summary>
    public void MarkDown(int node)
    {
        if (_board.MarkDown(node - 1))
        {
            _counters.RecordMarkedDown(node);

            // Idle pooled connections to a server that went away are dead too; fresh opens must not get them.
            _dataSources.Clear(node);
        }
    }

    /// <summary>Takes the replica at decision index <paramref name="node"/> out of rotation for good.</summary>
    public void Retire(int node)
    {
        Volatile.Write(ref _retired[node - 1], 1);
        MarkDown(node);
    }

    /// <summary>Probes every replica marked down now, without waiting for the next scheduled recheck.</summary>
    public Task RecheckNowAsync(CancellationToken cancellationToken) => _rechecker.CheckOnceAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _recheckLoop;
        _stop.Dispose();
    }

    private async Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _retired[replica]) == 1)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_recheckTimeout);
        try
        {
            await using var connection = await _dataSources[replica + 1].OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);

            // A replica that was promoted in the meantime no longer follows the primary: it stays out.
            return (bool)(await command.ExecuteScalarAsync(timeout.Token))!;
        }
        catch (Exception ex) when (Router.IsOperationFailure(ex))
        {
            // Stopping too: a probe whose connect timed out as the router closed (Npgsql throws its
            // own timeout, not a cancellation) failed the whole cell from dispose. The loop ends at
            // its next tick, which sees the cancelled token.
            return false;
        }
    }
}
