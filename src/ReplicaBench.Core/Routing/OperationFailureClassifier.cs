using System.Net.Sockets;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.Routing;

/// <summary>
/// Sorts exceptions from Npgsql into <see cref="OperationFailureKind"/>s: the router marks replicas
/// down on connection failures, and fault reports count errors by kind. Works on the exception and
/// its inner exceptions, since Npgsql wraps socket errors and timeouts.
/// </summary>
public static class OperationFailureClassifier
{
    private const string NoSuitableHost = "No suitable host was found";

    /// <summary>Classifies a failure of an operation on <paramref name="node"/> (index <paramref name="nodeIndex"/>).</summary>
    public static OperationFailure Classify(Exception exception, int nodeIndex, TopologyNode node) =>
        Classify(exception, nodeIndex, node.Name, node.Role);

    /// <summary>Classifies a failure whose node is not known (a multi-host open that failed before picking one).</summary>
    public static OperationFailure ClassifyUnknownNode(Exception exception, string description) =>
        Classify(exception, -1, description, role: null);

    /// <summary>Only the kind, for callers that need no message.</summary>
    public static OperationFailureKind KindOf(Exception exception)
    {
        if (exception is OperationCanceledException)
        {
            return OperationFailureKind.Canceled;
        }

        if (exception is PostgresException postgres)
        {
            return KindOf(postgres);
        }

        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case PostgresException p:
                    return KindOf(p);
                case TimeoutException:
                    return OperationFailureKind.Timeout;
                case SocketException socket:
                    return KindOf(socket.SocketErrorCode);
                case EndOfStreamException or IOException:
                    return OperationFailureKind.ConnectionLost;
            }
        }

        // Npgsql's multi-host data source found every host up but none of the type asked for (no
        // primary during a failover): no node would take the operation.
        return exception is NpgsqlException { InnerException: null } npgsql && npgsql.Message.StartsWith(NoSuitableHost, StringComparison.Ordinal)
            ? OperationFailureKind.ConnectionRefused
            : OperationFailureKind.Other;
    }

    private static OperationFailure Classify(Exception exception, int nodeIndex, string nodeName, NodeRole? role)
    {
        var kind = KindOf(exception);
        var sqlState = FindPostgresException(exception)?.SqlState;
        var detail = ConnectionErrors.Describe(FindPostgresException(exception) ?? exception);
        var message = kind switch
        {
            OperationFailureKind.ReadOnlyViolation when role == NodeRole.Replica =>
                $"a write reached {nodeName}, a read-only hot standby ({detail}): writes must go to the primary; route it as a write (OperationKind.Write) or point writes at the primary",
            OperationFailureKind.ReadOnlyViolation =>
                $"{nodeName} refused a write as read-only ({detail}): writes must go to the primary; check that the node topology.json names as the primary is not in recovery and has default_transaction_read_only off",
            OperationFailureKind.ConnectionRefused => $"{nodeName}: connection refused ({detail})",
            OperationFailureKind.ConnectionLost => $"{nodeName}: connection lost ({detail})",
            OperationFailureKind.Timeout => $"{nodeName}: timed out ({detail})",
            OperationFailureKind.RecoveryConflict =>
                $"{nodeName}: query cancelled by a conflict with recovery ({detail}); hot_standby_feedback or max_standby_streaming_delay reduce these",
            OperationFailureKind.Canceled => $"{nodeName}: cancelled by the caller",
            _ => $"{nodeName}: {detail}",
        };

        return new OperationFailure(kind, nodeIndex, nodeName, sqlState, message);
    }

    private static OperationFailureKind KindOf(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.ReadOnlySqlTransaction => OperationFailureKind.ReadOnlyViolation,
        PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections
            or PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection
            or PostgresErrorCodes.SqlServerRejectedEstablishmentOfSqlConnection => OperationFailureKind.ConnectionRefused,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown => OperationFailureKind.ConnectionLost,
        var state when state.StartsWith("08", StringComparison.Ordinal) => OperationFailureKind.ConnectionLost,
        _ when exception.MessageText.Contains("conflict with recovery", StringComparison.Ordinal) => OperationFailureKind.RecoveryConflict,
        PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable => OperationFailureKind.Timeout,
        _ => OperationFailureKind.Other,
    };

    private static OperationFailureKind KindOf(SocketError error) => error switch
    {
        SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.HostDown or SocketError.AddressNotAvailable => OperationFailureKind.ConnectionRefused,
        SocketError.TimedOut => OperationFailureKind.Timeout,
        _ => OperationFailureKind.ConnectionLost,
    };

    private static PostgresException? FindPostgresException(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
