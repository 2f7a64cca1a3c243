namespace ReplicaBench.Engine.Execution;

/// <summary>What a free virtual user got when it asked the dispatcher for work.</summary>
internal enum ArrivalTake
{
    /// <summary>The run is stopping: leave.</summary>
    Stop,

    /// <summary>An arrival that was already waiting (it found no free user when it came due): it is late.</summary>
    Queued,

    /// <summary>Nothing is waiting: the user is now idle and the pacer will hand it the next arrival.</summary>
    Wait,
}
