using Npgsql;

namespace ReplicaBench.Measurement.Conflicts;

/// <summary>
/// Recognises a query that recovery cancelled, as a client sees it: SQLSTATE 40001 with the message
/// "canceling statement due to conflict with recovery", the kind in the error's detail. The details
/// are PostgreSQL 15's (<c>errdetail_recovery_conflict</c> in src/backend/tcop/postgres.c).
/// </summary>
/// <remarks>
/// Npgsql redacts the detail unless the connection string sets <c>Include Error Detail=true</c>
/// (<see cref="NpgsqlConnectionStringBuilder.IncludeErrorDetail"/>): without it every cancellation
/// is <see cref="ConflictKind.Other"/>. The detail holds no data, only the reason.
/// A session that recovery reaches while idle in a transaction is terminated instead ("terminating
/// connection due to conflict with recovery", the same SQLSTATE and detail). That happens to single
/// statements too: under the extended protocol (Npgsql's) a statement's implicit transaction lasts
/// until the client's Sync arrives, and a conflict that lands after the result and before the Sync
/// terminates the session. <see cref="Classify"/> counts cancelled statements only;
/// <see cref="ClassifyLostRead"/> counts both, as the replica's <c>pg_stat_database_conflicts</c> does.
/// </remarks>
public static class RecoveryConflicts
{
    /// <summary>The SQLSTATE of a query cancelled by recovery (serialization_failure).</summary>
    public const string SqlState = "40001";

    /// <summary>PostgreSQL's message for a cancelled statement.</summary>
    public const string CancelMessage = "canceling statement due to conflict with recovery";

    /// <summary>PostgreSQL's message for a session recovery terminated (idle in a transaction).</summary>
    public const string TerminateMessage = "terminating connection due to conflict with recovery";

    private static readonly (string Detail, ConflictKind Kind)[] Details =
    [
        ("User query might have needed to see row versions that must be removed.", ConflictKind.Snapshot),
        ("User was holding a relation lock for too long.", ConflictKind.Lock),
        ("User was holding shared buffer pin for too long.", ConflictKind.BufferPin),
        ("User transaction caused buffer deadlock with recovery.", ConflictKind.Deadlock),
        ("User was or might have been using tablespace that must be dropped.", ConflictKind.Tablespace),
    ];

    /// <summary>True for a statement cancelled by a recovery conflict.</summary>
    public static bool IsCancellation(PostgresException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState == SqlState && string.Equals(exception.MessageText, CancelMessage, StringComparison.Ordinal);
    }

    /// <summary>The kind from the error's detail; <see cref="ConflictKind.Other"/> for none or one not listed.</summary>
    public static ConflictKind KindOf(string? detail) =>
        Details.FirstOrDefault(d => string.Equals(d.Detail, detail?.Trim(), StringComparison.Ordinal)) is { Detail: not null } known ? known.Kind : ConflictKind.Other;

    /// <summary>The kind of a cancelled statement; null when <paramref name="exception"/> is not one.</summary>
    public static ConflictKind? Classify(PostgresException exception) =>
        IsCancellation(exception) ? KindOf(exception.Detail) : null;

    /// <summary>
    /// The kind of a read lost to recovery: a cancelled statement or a terminated session (both
    /// SQLSTATE 40001 with the kind in the detail); null for anything else.
    /// </summary>
    public static ConflictKind? ClassifyLostRead(PostgresException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return IsCancellation(exception) || (exception.SqlState == SqlState && string.Equals(exception.MessageText, TerminateMessage, StringComparison.Ordinal))
            ? KindOf(exception.Detail)
            : null;
    }
}
