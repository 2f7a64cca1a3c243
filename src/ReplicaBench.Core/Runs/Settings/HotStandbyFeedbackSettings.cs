using ReplicaBench.Topology;
using ReplicaBench.Topology.External;

namespace ReplicaBench.Runs.Settings;

/// <summary>
/// <c>load --hot-standby-feedback off,on</c>: the replicas' <c>hot_standby_feedback</c> as a matrix
/// dimension. Checked before anything runs: only <c>off</c> and <c>on</c>, each once, on topologies
/// that have replicas and whose servers the suite may reconfigure (not an external one).
/// </summary>
internal static class HotStandbyFeedbackSettings
{
    /// <summary>How results and cell ids spell a value.</summary>
    public static string Format(bool on) => on ? "on" : "off";

    /// <summary>The values in the order given; null when the option is absent.</summary>
    public static IReadOnlyList<bool>? Parse(IReadOnlyList<string>? given, TopologyStateDirectory? stateDirectory, IReadOnlyList<int>? replicas)
    {
        if (given is null || given.Count == 0)
        {
            return null;
        }

        var values = new List<bool>();
        foreach (var text in given)
        {
            var value = text.Trim().ToLowerInvariant() switch
            {
                "on" => true,
                "off" => false,
                _ => throw new BadInputException(
                    $"--hot-standby-feedback '{string.Join(',', given)}': '{text.Trim()}' is not off or on; give off, on, or off,on for the pair side by side."),
            };
            if (values.Contains(value))
            {
                throw new BadInputException($"--hot-standby-feedback '{string.Join(',', given)}' gives {Format(value)} twice; give each value once, e.g. off,on.");
            }

            values.Add(value);
        }

        if (stateDirectory is { HasTopology: true } && stateDirectory.Read().Provider == ExternalTopologyProvider.ProviderName)
        {
            throw new BadInputException(
                "--hot-standby-feedback reconfigures the replicas (ALTER SYSTEM), which the suite does not do to an external topology; set hot_standby_feedback in the replicas' parameter group (RDS), run once per value, and compare the runs.");
        }

        var counts = replicas ?? (stateDirectory is { HasTopology: true } state ? [state.Read().Replicas.Count] : []);
        if (counts.Contains(0))
        {
            throw new BadInputException(
                "--hot-standby-feedback is a replica setting, and a topology of this run has no replicas; give replica counts of 1 or more with --replicas, e.g. --replicas 1.");
        }

        return values;
    }
}
