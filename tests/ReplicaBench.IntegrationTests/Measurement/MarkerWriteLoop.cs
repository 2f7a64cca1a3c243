using Npgsql;
using ReplicaBench.Measurement;

namespace ReplicaBench.IntegrationTests.Measurement;

/// <summary>
/// A steady trickle of small commits on the primary (one every ~10 ms) into the suite's marker
/// table, under a run id of its own; its rows are deleted when it stops.
/// </summary>
internal sealed class MarkerWriteLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly string _primary;
    private readonly long _runId = Random.Shared.NextInt64(1, long.MaxValue);
    private Task _writing = Task.CompletedTask;

    private MarkerWriteLoop(string primary)
    {
        _primary = primary;
    }

    public int Commits { get; private set; }

    public static async Task<MarkerWriteLoop> StartAsync(string primary, CancellationToken cancellationToken)
    {
        var loop = new MarkerWriteLoop(primary);
        await using (var connection = new NpgsqlConnection(primary))
        {
            await connection.OpenAsync(cancellationToken);
            await VisibilityMarkers.EnsureAsync(connection, cancellationToken);
        }

        loop._writing = loop.WriteAsync();
        return loop;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _writing;
        }
        catch (OperationCanceledException)
        {
        }

        await using var connection = new NpgsqlConnection(_primary);
        await connection.OpenAsync();
        await using var delete = new NpgsqlCommand(VisibilityMarkers.DeleteSql, connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = _runId } } };
        await delete.ExecuteNonQueryAsync();
        _stop.Dispose();
    }

    private async Task WriteAsync()
    {
        await using var connection = new NpgsqlConnection(_primary);
        await connection.OpenAsync(_stop.Token);
        var seq = new NpgsqlParameter<int>();
        await using var insert = new NpgsqlCommand(VisibilityMarkers.InsertSql, connection)
        {
            Parameters = { new NpgsqlParameter<long> { TypedValue = _runId }, seq },
        };
        await insert.PrepareAsync(_stop.Token);
        while (!_stop.IsCancellationRequested)
        {
            seq.TypedValue = ++Commits;
            await insert.ExecuteNonQueryAsync(_stop.Token);
            await Task.Delay(10, _stop.Token);
        }
    }
}
