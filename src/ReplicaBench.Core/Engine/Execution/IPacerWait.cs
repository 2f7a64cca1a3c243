namespace ReplicaBench.Engine.Execution;

/// <summary>How the pacer waits for the next arrival's due time.</summary>
internal interface IPacerWait
{
    /// <summary>
    /// Completes with true once the due time may have come (the caller re-checks the clock), or
    /// with false when a stop was requested.
    /// </summary>
    ValueTask<bool> UntilAsync(long dueTimestamp);

    /// <summary>Ends the current and every later wait with false.</summary>
    void Interrupt();
}
