namespace ReplicaBench.Runs.Faults;

/// <summary>What a fault does to the topology; the CLI spelling is <see cref="FaultKinds.Name"/>.</summary>
public enum FaultKind
{
    /// <summary><c>replica-kill</c>: stop a replica abruptly (immediate shutdown / docker kill).</summary>
    ReplicaKill,

    /// <summary><c>replica-restart</c>: start a killed replica again and wait until it streams.</summary>
    ReplicaRestart,

    /// <summary><c>replay-pause</c>: <c>pg_wal_replay_pause()</c> on a replica, whose lag then grows.</summary>
    ReplayPause,

    /// <summary><c>replay-resume</c>: <c>pg_wal_replay_resume()</c> on a paused replica.</summary>
    ReplayResume,

    /// <summary><c>replica-freeze</c>: SIGSTOP to every process of a replica (<c>docker pause</c>): its port stays open and nothing answers.</summary>
    ReplicaFreeze,

    /// <summary><c>replica-thaw</c>: SIGCONT to a frozen replica (<c>docker unpause</c>).</summary>
    ReplicaThaw,

    /// <summary><c>failover</c>: fence the primary, promote a replica, re-point the router and the other replicas.</summary>
    Failover,
}
