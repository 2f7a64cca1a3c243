namespace ReplicaBench.Routing;

/// <summary>
/// A statement in flight that <see cref="OperationDeadline"/> can give up on when it fires: the
/// virtual user gets its timeout at once and the statement finishes on its own (<see cref="StatementRace{T}"/>).
/// </summary>
internal interface IAbandonable
{
    /// <summary>Ends the wait of the virtual user with a timeout, unless the statement has already ended. Thread-safe; called once or more.</summary>
    void Abandon();

    /// <summary>True once the deadline won: the statement, its connection and what was prepared on it belong to the background.</summary>
    bool WasAbandoned { get; }
}
