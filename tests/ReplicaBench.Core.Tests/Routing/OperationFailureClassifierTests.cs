using System.Net.Sockets;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Routing;

public sealed class OperationFailureClassifierTests
{
    private static readonly TopologyNode Primary = new("primary", NodeRole.Primary, "127.0.0.1", 5432, "Host=127.0.0.1;Password=s3cret");
    private static readonly TopologyNode Replica1 = new("replica1", NodeRole.Replica, "127.0.0.1", 5433, "Host=127.0.0.1;Password=s3cret");

    public static TheoryData<string, Exception, OperationFailureKind> Exceptions => new()
    {
        { "refused socket", new NpgsqlException("Failed to connect to 127.0.0.1:5433", new SocketException((int)SocketError.ConnectionRefused)), OperationFailureKind.ConnectionRefused },
        { "reset socket", new NpgsqlException("Exception while reading from stream", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), OperationFailureKind.ConnectionLost },
        { "end of stream", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()), OperationFailureKind.ConnectionLost },
        { "socket timeout", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.TimedOut)), OperationFailureKind.Timeout },
        { "client timeout", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), OperationFailureKind.Timeout },
        { "bare timeout", new TimeoutException(), OperationFailureKind.Timeout },
        { "starting up", Postgres("57P03", "the database system is starting up"), OperationFailureKind.ConnectionRefused },
        { "too many connections", Postgres("53300", "sorry, too many clients already"), OperationFailureKind.ConnectionRefused },
        { "admin shutdown", Postgres("57P01", "terminating connection due to administrator command"), OperationFailureKind.ConnectionLost },
        { "crash shutdown", Postgres("57P02", "terminating connection because of crash of another server process"), OperationFailureKind.ConnectionLost },
        { "connection failure", Postgres("08006", "connection failure"), OperationFailureKind.ConnectionLost },
        { "read only", Postgres("25006", "cannot execute INSERT in a read-only transaction"), OperationFailureKind.ReadOnlyViolation },
        { "statement timeout", Postgres("57014", "canceling statement due to statement timeout"), OperationFailureKind.Timeout },
        { "lock timeout", Postgres("55P03", "canceling statement due to lock timeout"), OperationFailureKind.Timeout },
        { "recovery conflict", Postgres("40001", "canceling statement due to conflict with recovery"), OperationFailureKind.RecoveryConflict },
        { "serialization", Postgres("40001", "could not serialize access due to concurrent update"), OperationFailureKind.Other },
        { "syntax", Postgres("42601", "syntax error at or near \"SELEC\""), OperationFailureKind.Other },
        { "wrong password", Postgres("28P01", "password authentication failed for user \"replicabench\""), OperationFailureKind.Other },
        { "cancelled", new OperationCanceledException(), OperationFailureKind.Canceled },
        { "cancelled statement", new OperationCanceledException("Query was cancelled", Postgres("57014", "canceling statement due to user request")), OperationFailureKind.Canceled },
        { "misuse", new InvalidOperationException("Connection is not open"), OperationFailureKind.Other },
        { "no primary among the hosts", new NpgsqlException("No suitable host was found."), OperationFailureKind.ConnectionRefused },
    };

    [Theory]
    [MemberData(nameof(Exceptions))]
    public void Sorts_exceptions_into_kinds(string name, Exception exception, OperationFailureKind expected)
    {
        _ = name;

        var failure = OperationFailureClassifier.Classify(exception, 1, Replica1);

        Assert.Equal(expected, failure.Kind);
        Assert.Equal(expected, OperationFailureClassifier.KindOf(exception));
        Assert.Equal(1, failure.NodeIndex);
        Assert.StartsWith("replica1", failure.Message.Replace("a write reached ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.DoesNotContain("s3cret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_on_a_replica_is_reported_as_a_read_only_violation_that_names_the_node_and_the_fix()
    {
        var failure = OperationFailureClassifier.Classify(Postgres("25006", "cannot execute INSERT in a read-only transaction"), 1, Replica1);

        Assert.Equal(OperationFailureKind.ReadOnlyViolation, failure.Kind);
        Assert.Equal("25006", failure.SqlState);
        Assert.Contains("a write reached replica1, a read-only hot standby", failure.Message, StringComparison.Ordinal);
        Assert.Contains("25006", failure.Message, StringComparison.Ordinal);
        Assert.Contains("writes must go to the primary", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_primary_is_reported_as_a_topology_problem()
    {
        var failure = OperationFailureClassifier.Classify(Postgres("25006", "cannot execute INSERT in a read-only transaction"), 0, Primary);

        Assert.Contains("primary refused a write as read-only", failure.Message, StringComparison.Ordinal);
        Assert.Contains("not in recovery", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OperationFailureKind.ConnectionRefused, true)]
    [InlineData(OperationFailureKind.ConnectionLost, true)]
    [InlineData(OperationFailureKind.Timeout, false)]
    [InlineData(OperationFailureKind.ReadOnlyViolation, false)]
    [InlineData(OperationFailureKind.Canceled, false)]
    public void Only_refused_and_lost_connections_are_connection_failures(OperationFailureKind kind, bool expected)
    {
        Assert.Equal(expected, new OperationFailure(kind, 1, "replica1", null, "x").IsConnectionFailure);
    }

    [Fact]
    public void A_failure_with_no_known_node_says_so()
    {
        var failure = OperationFailureClassifier.ClassifyUnknownNode(new TimeoutException(), "npgsql multi-host (prefer-standby)");

        Assert.Equal(-1, failure.NodeIndex);
        Assert.StartsWith("npgsql multi-host (prefer-standby): timed out", failure.Message, StringComparison.Ordinal);
    }

    private static PostgresException Postgres(string sqlState, string message) => new(message, "ERROR", "ERROR", sqlState);
}
