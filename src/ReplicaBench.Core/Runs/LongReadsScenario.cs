using ReplicaBench.Workload;

namespace ReplicaBench.Runs;

/// <summary>
/// <c>load --scenario long-reads [--long-read 5s]</c>: every virtual user runs long reads where the
/// policy sends reads (an aggregate over the scenario's table, its snapshot held for the read's
/// length), while the primary updates and vacuums the same table once a second in the measured
/// window. It measures the recovery conflicts this causes on the replicas, client and server, and
/// what the primary keeps when <c>hot_standby_feedback</c> avoids them (see docs/limits.md).
/// </summary>
public sealed class LongReadsScenario(TimeSpan longRead) : IWorkloadScenario
{
    /// <summary>The name the CLI and results use.</summary>
    public const string ScenarioName = "long-reads";

    /// <summary>The length of a long read when <c>--long-read</c> is not given.</summary>
    public static readonly TimeSpan DefaultLongRead = TimeSpan.FromSeconds(5);

    public string Name => ScenarioName;

    public string Description => "long reads on the replicas (--long-read, default 5s) while the primary updates and vacuums the same table; counts the reads recovery cancels";

    /// <summary>No mix: one operation, <c>long-read</c>.</summary>
    public WorkloadMix? Mix => null;

    /// <summary>How long each read holds its snapshot.</summary>
    public TimeSpan LongRead => longRead;
}
