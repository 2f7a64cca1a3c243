using System.Net.Sockets;
using System.Security.Authentication;
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
        _ when IsTlsFailure(exception) => "TLS failed: " + TlsProblem(exception),
        _ when IsMissingPassword(exception) => "the server asks for a password and none was given",
        NpgsqlException { InnerException: SocketException s } => $"cannot connect: {s.SocketErrorCode}",
        NpgsqlException { InnerException: TimeoutException } => "connection timed out",
        TimeoutException => "connection timed out",
        _ => exception.Message.Split('\n')[0],
    };

    /// <summary>The TLS handshake failed, or TLS was required and the server does not offer it.</summary>
    public static bool IsTlsFailure(Exception exception) =>
        Chain(exception).Any(e => e is AuthenticationException)
        || (exception is NpgsqlException && exception.Message.Contains("SSL connection requested", StringComparison.Ordinal));

    /// <summary>The server wants a password and the connection string has none.</summary>
    public static bool IsMissingPassword(Exception exception) =>
        exception is NpgsqlException && exception.Message.StartsWith("No password has been provided", StringComparison.Ordinal);

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = (Exception?)exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string TlsProblem(Exception exception)
    {
        var message = FirstLine(Innermost(exception).Message);
        return message.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal)
            ? "the server certificate was rejected (not signed by a CA in the bundle, or not issued for this host name)"
            : message;
    }

    private static Exception Innermost(Exception exception) => Chain(exception).Last();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim().TrimEnd('.');
}
