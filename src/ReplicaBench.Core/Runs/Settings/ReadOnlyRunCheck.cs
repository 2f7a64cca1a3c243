using ReplicaBench.Topology;
using ReplicaBench.Workload.Scripts;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// Refuses, before anything runs, a load whose operations write on a topology that allows no
/// writes (an external one brought up without <c>--allow-writes</c>). Without this check the run
/// would start and every write would fail with PostgreSQL's read-only error, a run of errors that
/// measures nothing; a nightly job against production replicas must say so up front instead.
/// </summary>
internal static class ReadOnlyRunCheck
{
    /// <summary>Throws <see cref="BadInputException"/> when <paramref name="topology"/> allows no writes and <paramref name="scenario"/> writes.</summary>
    public static void Ensure(TopologyDescriptor topology, string stateDirectory, IWorkloadScenario scenario)
    {
        if (topology.WritesAllowed)
        {
            return;
        }

        var writes = scenario switch
        {
            ScriptScenario scripts => scripts.Workload.Scripts.Where(s => s.Access != ScriptAccess.Read).Select(s => $"script {s.Name}").ToList(),
            LongReadsScenario => [$"scenario {scenario.Name} (the primary updates and vacuums its table {Workload.LongReads.LongReadTable.Qualified})"],
            { Mix: { WritePercent: > 0 } mix } => [$"scenario {scenario.Name} ({mix.WritePercent}% writes: insert {mix.InsertPercent}%, update {mix.UpdatePercent}%)"],
            _ => [],
        };
        if (writes.Count > 0)
        {
            throw new BadInputException(
                $"{string.Join(", ", writes)} writes, but the {topology.Provider} topology in {stateDirectory} allows no writes; run reads only (--scenario point-read, --mix point-read=90,range-read=10, or read scripts), or bring the topology up again with --allow-writes.");
        }
    }
}
