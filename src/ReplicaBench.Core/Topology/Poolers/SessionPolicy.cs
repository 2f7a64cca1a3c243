using Npgsql;

namespace ReplicaBench.Topology.Poolers;

/// <summary>
/// The one switch between session-keeping and transaction-pooled endpoints. Behind a transaction
/// pooler (PgBouncer before 1.21, RDS Proxy) a client's next transaction may run on another server
/// connection, so nothing may rely on session state: no server-side prepared statements (a
/// statement prepared on one server connection "does not exist" on the next), no session-level
/// <c>SET</c>, no startup <c>options</c>. The topology marks its pooled endpoints' connection strings
/// (<see cref="ForPooledEndpoint"/>); every place that would prepare asks <see cref="PrepareAsync(NpgsqlCommand, CancellationToken)"/>,
/// which reads that mark from the command's connection, so the decision is made once, by the topology.
/// Unprepared commands still use the extended protocol with the unnamed statement, which a transaction
/// pooler forwards within one transaction.
/// </summary>
public static class SessionPolicy
{
    /// <summary>
    /// The cap on the suite's own (Npgsql) pool for a pooled endpoint. Direct, a virtual user's
    /// connection is a server backend, so the router caps its pool under the server's
    /// <c>max_connections</c>; through a pooler it is a cheap client connection that the pooler
    /// multiplexes onto a few server connections, so the cap is the pooler's (PgBouncer's
    /// <c>max_client_conn</c> as the local provider sets it, 2000) divided among a couple of clients.
    /// </summary>
    public const int PooledClientConnections = 1000;

    /// <summary>
    /// The connection string to reach a pooled endpoint with: <c>No Reset On Close</c> (the mark: a
    /// <c>DISCARD ALL</c> on return to Npgsql's pool is pointless when the server connection is
    /// already someone else's), <c>Max Auto Prepare=0</c> (no automatic preparation either) and no
    /// startup <c>options</c> (a pooler rejects or drops them; they would apply to one server
    /// connection at most).
    /// </summary>
    public static string ForPooledEndpoint(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString)
    {
        NoResetOnClose = true,
        MaxAutoPrepare = 0,
        Options = null,
    }.ConnectionString;

    /// <summary>Whether <paramref name="connectionString"/> reaches its server through a transaction pooler.</summary>
    public static bool IsPooled(string? connectionString) =>
        !string.IsNullOrEmpty(connectionString) && new NpgsqlConnectionStringBuilder(connectionString).NoResetOnClose;

    /// <summary>Prepares <paramref name="command"/> on its (open) connection unless that connection is pooled; then it runs unprepared.</summary>
    public static Task PrepareAsync(NpgsqlCommand command, CancellationToken cancellationToken) =>
        IsPooled(command.Connection?.ConnectionString) ? Task.CompletedTask : command.PrepareAsync(cancellationToken);

    /// <summary>The same for a batch: its statements are prepared unless its connection is pooled.</summary>
    public static Task PrepareAsync(NpgsqlBatch batch, CancellationToken cancellationToken) =>
        IsPooled(batch.Connection?.ConnectionString) ? Task.CompletedTask : batch.PrepareAsync(cancellationToken);
}
