using Npgsql;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Routing;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.Tests.Measurement;

/// <summary>A cancelled statement's kind comes from PostgreSQL 15's detail (errdetail_recovery_conflict in postgres.c), word for word.</summary>
public sealed class RecoveryConflictsTests
{
    [Theory]
    [InlineData("User query might have needed to see row versions that must be removed.", ConflictKind.Snapshot)]
    [InlineData("User was holding a relation lock for too long.", ConflictKind.Lock)]
    [InlineData("User was holding shared buffer pin for too long.", ConflictKind.BufferPin)]
    [InlineData("User transaction caused buffer deadlock with recovery.", ConflictKind.Deadlock)]
    [InlineData("User was or might have been using tablespace that must be dropped.", ConflictKind.Tablespace)]
    [InlineData("User was connected to a database that must be dropped.", ConflictKind.Other)]
    [InlineData("User was using a logical replication slot that must be invalidated.", ConflictKind.Other)]
    [InlineData("", ConflictKind.Other)]
    [InlineData(null, ConflictKind.Other)]
    public void Each_detail_maps_to_its_kind_and_anything_else_is_other(string? detail, ConflictKind expected)
    {
        Assert.Equal(expected, RecoveryConflicts.KindOf(detail));
    }

    [Fact]
    public void A_cancelled_statement_is_40001_with_the_recovery_message_and_its_detail_gives_the_kind()
    {
        var cancelled = new PostgresException(
            "canceling statement due to conflict with recovery", "ERROR", "ERROR", "40001",
            detail: "User query might have needed to see row versions that must be removed.");

        Assert.Equal(ConflictKind.Snapshot, RecoveryConflicts.Classify(cancelled));
    }

    [Theory]
    [InlineData("could not serialize access due to concurrent update", "40001")]
    [InlineData("canceling statement due to statement timeout", "57014")]
    [InlineData("terminating connection due to conflict with recovery", "40001")]
    public void Other_errors_including_a_terminated_idle_session_are_not_cancelled_statements(string message, string sqlState)
    {
        var error = new PostgresException(message, "ERROR", "ERROR", sqlState, detail: "User query might have needed to see row versions that must be removed.");

        Assert.Null(RecoveryConflicts.Classify(error));
    }

    [Theory]
    [InlineData("canceling statement due to conflict with recovery", "User query might have needed to see row versions that must be removed.", ConflictKind.Snapshot)]
    [InlineData("terminating connection due to conflict with recovery", "User was holding shared buffer pin for too long.", ConflictKind.BufferPin)]
    public void A_read_lost_to_recovery_is_a_cancelled_statement_or_a_terminated_session_with_the_kind_of_its_detail(string message, string detail, ConflictKind expected)
    {
        var lost = new PostgresException(message, "FATAL", "FATAL", "40001", detail: detail);

        Assert.Equal(expected, RecoveryConflicts.ClassifyLostRead(lost));
    }

    [Theory]
    [InlineData("could not serialize access due to concurrent update", "40001")]
    [InlineData("canceling statement due to user request", "57014")]
    [InlineData("terminating connection due to conflict with recovery", "57P04")]
    public void Other_errors_are_no_reads_lost_to_recovery(string message, string sqlState)
    {
        Assert.Null(RecoveryConflicts.ClassifyLostRead(new PostgresException(message, "ERROR", "ERROR", sqlState)));
    }

    // The kind comes from a fixed list; whatever else a detail says (here a password, as a
    // misconfigured server might echo) never becomes a kind, an error kind, or anything written.
    [Fact]
    public void A_detail_the_list_does_not_know_is_other_and_its_text_goes_nowhere()
    {
        var odd = new PostgresException(
            "canceling statement due to conflict with recovery", "ERROR", "ERROR", "40001", detail: "password=hunter2 user query was cancelled");

        var kind = RecoveryConflicts.ClassifyLostRead(odd);

        Assert.Equal(ConflictKind.Other, kind);
        Assert.Equal("recovery-conflict-other", ConflictErrorKinds.Of(kind!.Value));
        // The router's own description of the failure (progress lines, warnings) leaves the detail out too.
        var failure = OperationFailureClassifier.ClassifyUnknownNode(odd, "replica1");
        Assert.Equal(OperationFailureKind.RecoveryConflict, failure.Kind);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["recovery-conflict-snapshot", "recovery-conflict-lock", "recovery-conflict-bufferpin", "recovery-conflict-deadlock", "recovery-conflict-tablespace", "recovery-conflict-other"],
            Enum.GetValues<ConflictKind>().Select(ConflictErrorKinds.Of));
    }

    [Fact]
    public void Counts_add_by_kind_and_a_window_is_the_difference_of_two_cumulative_reads()
    {
        var client = ConflictCounts.Zero.With(ConflictKind.Snapshot).With(ConflictKind.Snapshot).With(ConflictKind.Other);
        var server = new ConflictCounts(10, 1, 2, 0, 0, 0).Since(new ConflictCounts(7, 1, 0, 0, 0, 0));

        Assert.Equal(new ConflictCounts(2, 0, 0, 0, 0, 1), client);
        Assert.Equal(new ConflictCounts(3, 0, 2, 0, 0, 0), server);
        Assert.Equal(5, server.Total);
        Assert.Equal(new ConflictCounts(5, 0, 2, 0, 0, 1), client.Plus(server));
    }
}
