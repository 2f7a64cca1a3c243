using System.Globalization;

namespace ReplicaBench.Runs.Agents;

/// <summary>What <c>load --agents N</c> needs of the settings, checked before anything starts (one line each).</summary>
public static class AgentRunCheck
{
    /// <summary>Throws <see cref="BadInputException"/> when <paramref name="settings"/> cannot be split over <paramref name="agents"/> local processes.</summary>
    public static void Check(LoadMatrixSettings settings, int agents)
    {
        ArgumentNullException.ThrowIfNull(settings);
        AgentPlan.CheckCount(agents);
        if (settings.Shard is not null)
        {
            throw new BadInputException("--agents runs the shards itself and chooses --start-at; give --agents N or --shard i/N, not both.");
        }

        if (settings.StateDirectory is null)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--agents {agents} needs one topology for all agents: bring one up (replicabench topology up --replicas N --state-dir DIR) and add --state-dir DIR."));
        }

        if (!settings.Faults.IsEmpty)
        {
            throw new BadInputException("--fault acts on the servers once per cell and cannot be split over agents; run faults without --agents.");
        }

        if (settings.Thresholds.Count > 0)
        {
            throw new BadInputException(
                "--threshold is checked per process, and each agent holds only a share of the load; run without --threshold and check the merged run (its report shows every figure), or run without --agents.");
        }
    }
}
