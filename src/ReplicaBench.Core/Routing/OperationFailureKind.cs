namespace ReplicaBench.Routing;

/// <summary>Why an operation failed, in the terms the router and the fault reports act on.</summary>
public enum OperationFailureKind
{
    /// <summary>The node would not take a connection: nothing listening, starting up (57P03), or out of connections (53300).</summary>
    ConnectionRefused,

    /// <summary>An established connection broke: the server went away (57P01/57P02, reset, end of stream).</summary>
    ConnectionLost,

    /// <summary>A write reached a read-only node, i.e. a hot standby (SqlState 25006): a routing or topology error.</summary>
    ReadOnlyViolation,

    /// <summary>The connect or the statement ran out of time (client timeout, <c>statement_timeout</c>, <c>lock_timeout</c>).</summary>
    Timeout,

    /// <summary>A hot standby cancelled the query to keep replaying WAL ("conflict with recovery").</summary>
    RecoveryConflict,

    /// <summary>The caller cancelled the operation (e.g. the run ended); not a failure of the node.</summary>
    Canceled,

    /// <summary>Anything else: SQL errors, authentication, driver misuse.</summary>
    Other,
}
