using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Measurement.Conflicts;
using ReplicaBench.Routing;
using ReplicaBench.Topology;
using ReplicaBench.Workload;
using ReplicaBench.Workload.LongReads;

namespace ReplicaBench.Runs;

/// <summary>
/// The <c>long-reads</c> scenario inside one cell: its table made afresh before the warm-up, the
/// primary's updates and vacuums (<see cref="ConflictWriter"/>) over exactly the measured window,
/// the replicas' conflict counts at its start and once the cancelled sessions have reported, and
/// the client's from the cell's errors by kind.
/// </summary>
/// <remarks>
/// The writer runs in the measured window only, so the warm-up has long reads but no conflicts: a
/// warm-up cancellation whose statistics the replica reports later would otherwise land in the
/// window's server count and not in the client's.
/// </remarks>
internal sealed class CellLongReads
{
    private readonly TopologyDescriptor _topology;
    private readonly TimeSpan _duration;
    private readonly CancellationToken _cancellationToken;
    private Task<ConflictCounts>? _serverBefore;
    private Task<ConflictWriterResult>? _writer;

    private CellLongReads(TopologyDescriptor topology, LongReadsScenario scenario, TimeSpan duration, CancellationToken cancellationToken)
    {
        (_topology, Scenario, _duration, _cancellationToken) = (topology, scenario, duration, cancellationToken);
    }

    public LongReadsScenario Scenario { get; }

    /// <summary>Makes the table afresh on the primary and waits until every replica has replayed it.</summary>
    public static async Task<CellLongReads> PrepareAsync(
        TopologyDescriptor topology, LongReadsScenario scenario, TimeSpan duration, TimeSpan catchUpTimeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await using (var primary = await WriteInterlock.OpenPrimaryAsync(topology, $"replicabench load --scenario {LongReadsScenario.ScenarioName} (its table {LongReadTable.Qualified})", cancellationToken))
        {
            await LongReadTable.CreateAsync(primary, cancellationToken);
        }

        if (await ReplicationCatchUp.WaitAsync(topology, catchUpTimeout, timeProvider, cancellationToken) is { TimedOut: true } wait)
        {
            throw new TopologyException($"{string.Join(", ", wait.Behind)} did not replay {LongReadTable.Qualified} within {catchUpTimeout.TotalSeconds:0} s; check 'replicabench topology status'.");
        }

        return new CellLongReads(topology, scenario, duration, cancellationToken);
    }

    /// <summary>The cell's load: long reads routed by <paramref name="router"/>'s policy.</summary>
    public LoadScenario Load(Router router) =>
        LoadScenario.Create(Scenario.Name, (context, _) => ValueTask.FromResult(LongReadVirtualUser.Create(router, Scenario.LongRead, context)))
            .WithOperations(LongReadVirtualUser.Operations);

    /// <summary>The measured window began: read the replicas' counts and start the primary's cycles (off the engine's thread).</summary>
    public void MeasurementStarted()
    {
        _serverBefore = Task.Run(() => ReplicaConflictsWindow.ReadAsync(_topology.Replicas, _cancellationToken));
        _writer = Task.Run(() => new ConflictWriter(_topology.Primary).RunAsync(_duration, _cancellationToken));
    }

    /// <summary>After the run: the window's conflicts, client and server, and the primary's table; null when the window never began or the run was interrupted.</summary>
    public async Task<CellConflictFigures?> FinishAsync(LoadRunResult result)
    {
        if (_writer is null || _serverBefore is null)
        {
            return null;
        }

        try
        {
            var writer = await _writer;
            var before = await _serverBefore;
            var after = await ReplicaConflictsWindow.SettledAsync(_topology.Replicas, _cancellationToken);
            return new CellConflictFigures(Scenario.LongRead, ConflictErrorKinds.CountIn(result.Total.ErrorsByKind), after.Since(before), writer);
        }
        catch (OperationCanceledException) when (_cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
