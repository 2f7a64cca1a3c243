using System.Net.Sockets;
using Npgsql;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Poolers;

namespace ReplicaBench.Measurement;

/// <summary>
/// One statement on one node, over one long-lived connection, prepared once: what a sampler that
/// asks the same question many times a second needs. A failed execution drops the connection so the
/// next call reconnects (a node that restarts is picked up again); the failure itself is the caller's
/// to report.
/// </summary>
/// <remarks>Not thread-safe: each sampling loop owns its own instances.</remarks>
internal sealed class PreparedQuery : IAsyncDisposable
{
    private readonly TopologyNode _node;
    private readonly Action<NpgsqlConnectionStringBuilder> _connectTimeout;
    private readonly string _sql;
    private readonly NpgsqlParameter[] _parameters;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    /// <param name="node">The node asked.</param>
    /// <param name="queryTimeout">Also the connect timeout (see <see cref="ConnectTimeout"/>).</param>
    /// <param name="sql">The statement.</param>
    /// <param name="parameters">Its parameters, bound once.</param>
    public PreparedQuery(TopologyNode node, TimeSpan queryTimeout, string sql, params NpgsqlParameter[] parameters)
    {
        _node = node;
        _connectTimeout = ConnectTimeout(queryTimeout);
        _sql = sql;
        _parameters = parameters;
    }

    /// <summary>
    /// Sets Npgsql's connect timeout to <paramref name="queryTimeout"/>
    /// (whole seconds, at least 1). Npgsql does not give up a connection attempt on cancellation once
    /// the socket is open and it waits for the server's first reply (a server shutting down, or too
    /// busy to fork), only on this timeout: without it a sampler's query timeout, and its stop, would
    /// wait for the node's own Timeout.
    /// </summary>
    public static Action<NpgsqlConnectionStringBuilder> ConnectTimeout(TimeSpan queryTimeout) =>
        builder => builder.Timeout = Math.Max(1, (int)Math.Ceiling(queryTimeout.TotalSeconds));

    /// <summary>Whether an exception means "the node could not be reached or answered", as opposed to a bug.</summary>
    public static bool IsNodeFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException or SocketException or IOException
            or InvalidOperationException or OperationCanceledException;

    /// <summary>Runs the statement and hands the open reader (positioned before the first row) to <paramref name="read"/>.</summary>
    public async Task<T> ReadAsync<T>(Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            var command = await CommandAsync(cancellationToken);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        catch (Exception ex) when (IsNodeFailure(ex))
        {
            await DropConnectionAsync();
            throw;
        }
    }

    /// <summary>Runs the statement and returns its first column of the first row (null for SQL NULL or no row).</summary>
    public async Task<object?> ScalarAsync(CancellationToken cancellationToken)
    {
        try
        {
            var command = await CommandAsync(cancellationToken);
            var value = await command.ExecuteScalarAsync(cancellationToken);
            return value is DBNull ? null : value;
        }
        catch (Exception ex) when (IsNodeFailure(ex))
        {
            await DropConnectionAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();

    private async ValueTask<NpgsqlCommand> CommandAsync(CancellationToken cancellationToken)
    {
        if (_command is not null && _connection is { State: System.Data.ConnectionState.Open })
        {
            return _command;
        }

        await DropConnectionAsync();
        var connection = NodeConnections.Create(_node, _connectTimeout);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var command = new NpgsqlCommand(_sql, connection);
            command.Parameters.AddRange(_parameters);
            await SessionPolicy.PrepareAsync(command, cancellationToken);
            _connection = connection;
            _command = command;
            return command;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (_command is not null)
        {
            // The parameters belong to this query, not to the command: detach them for the next one.
            _command.Parameters.Clear();
            await _command.DisposeAsync();
            _command = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
