using System.Net.Sockets;
using Npgsql;
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
    private readonly string _connectionString;
    private readonly string _sql;
    private readonly NpgsqlParameter[] _parameters;
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _command;

    public PreparedQuery(string connectionString, string sql, params NpgsqlParameter[] parameters)
    {
        _connectionString = connectionString;
        _sql = sql;
        _parameters = parameters;
    }

    /// <summary>
    /// The connection string with Npgsql's connect timeout set to <paramref name="queryTimeout"/>
    /// (whole seconds, at least 1). Npgsql does not give up a connection attempt on cancellation once
    /// the socket is open and it waits for the server's first reply (a server shutting down, or too
    /// busy to fork), only on this timeout: without it a sampler's query timeout, and its stop, would
    /// wait for the node's own Timeout.
    /// </summary>
    public static string WithConnectTimeout(string connectionString, TimeSpan queryTimeout) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timeout = Math.Max(1, (int)Math.Ceiling(queryTimeout.TotalSeconds)) }.ConnectionString;

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
        var connection = new NpgsqlConnection(_connectionString);
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
