using System.Net.Sockets;
using Npgsql;

namespace ReplicaBench.Topology;

/// <summary>
/// Turns a connection failure into one line a user can act on, without the connection string
/// (Npgsql messages never include the password, and we never append it).
/// </summary>
public static class ConnectionErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException { SqlState: "28P01" } => "wrong password (28P01)",
        PostgresException { SqlState: "28000" } => "authentication rejected (28000): check pg_hba.conf and the user name",
        PostgresException { SqlState: "3D000" } p => $"database does not exist (3D000): {p.MessageText}",
        PostgresException { SqlState: "57P03" } => "the server is starting up or shutting down (57P03)",
        PostgresException p => $"{p.MessageText} ({p.SqlState})",
        NpgsqlException { InnerException: SocketException s } => $"cannot connect: {s.SocketErrorCode}",
        NpgsqlException { InnerException: TimeoutException } => "connection timed out",
        TimeoutException => "connection timed out",
        _ => exception.Message.Split('\n')[0],
    };
}
