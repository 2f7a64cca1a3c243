using System.Globalization;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// <c>--node-cpus auto</c>: the node size that leaves the load generator one whole core. Every node
/// of the largest topology gets the same share of the other cores, rounded down to 0.05 CPU and at
/// most 1: on 2 cores with primary + 2 replicas that is (2 − 1) / 3 = 0.33, so 0.3 each. Equal sizes
/// keep "what do replicas buy" a like-for-like question; the generator's own core keeps its CPU out
/// of the nodes' budgets (it is measured, and a saturated generator is reported).
/// </summary>
public static class AutoNodeCpus
{
    public const string Value = "auto";

    /// <summary>The cores kept for the load generator.</summary>
    public const int GeneratorCores = 1;

    /// <summary>The step quotas are rounded down to.</summary>
    public const double Step = 0.05;

    public static bool IsAuto(string? text) => string.Equals(text?.Trim(), Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>The per-node quota for <paramref name="nodes"/> nodes on <paramref name="cores"/> cores; null when there is no room for one step each.</summary>
    public static double? For(int nodes, int cores)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodes, 1);
        var share = Math.Min(1.0, (cores - GeneratorCores) / (double)nodes);
        var rounded = Math.Floor((share / Step) + 1e-9) * Step;
        return rounded >= Step ? Math.Round(rounded, 2) : null;
    }

    /// <summary>
    /// The option's value with <c>auto</c> resolved for a topology of <paramref name="nodes"/> nodes
    /// on this machine; any other value as it is.
    /// </summary>
    /// <exception cref="BadInputException">auto, and no room for a quota of one step per node.</exception>
    public static string? Resolve(string? text, int nodes) =>
        !IsAuto(text) ? text : Text(nodes, Environment.ProcessorCount)
            ?? throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture,
                $"--node-cpus auto: {Environment.ProcessorCount} core(s) leave no room for {nodes} node(s) beside the load generator's core; give a size, e.g. --node-cpus 0.2, or fewer --replicas."));

    /// <summary>The same as the option's value, e.g. <c>0.3</c>; null when there is no room.</summary>
    public static string? Text(int nodes, int cores) =>
        For(nodes, cores) is { } quota ? quota.ToString("0.##", CultureInfo.InvariantCulture) : null;
}
