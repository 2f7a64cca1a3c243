using System.Globalization;
using ReplicaBench.Engine;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// How many CPUs each server may use (<c>--node-cpus</c>): <c>0.3</c> for every node, or
/// <c>primary=0.6,replicas=0.2</c> per role (a plain value covers the roles not named). Each server
/// gets its own quota, so a replica cannot borrow the primary's share: an emulated 2-vCPU primary
/// and two 1-vCPU replicas, scaled down to fit one small machine.
/// </summary>
public sealed record NodeCpuBudget
{
    public const string Option = "--node-cpus";

    /// <summary>The smallest quota: the kernel takes no less than 1 ms of CPU time per period, and periods go up to 100 ms.</summary>
    public const double Minimum = 0.01;

    private NodeCpuBudget(double? everyNode, double? primary, double? replicas)
    {
        EveryNode = everyNode;
        Primary = primary;
        Replicas = replicas;
    }

    public static NodeCpuBudget None { get; } = new(null, null, null);

    /// <summary>The quota of every node whose role is not named, in CPUs; null for none.</summary>
    public double? EveryNode { get; }

    public double? Primary { get; }

    public double? Replicas { get; }

    public bool IsEmpty => EveryNode is null && Primary is null && Replicas is null;

    /// <summary>Parses and checks the option's value: each quota from <see cref="Minimum"/> to the machine's cores.</summary>
    /// <param name="text">The value; null or blank for no quota.</param>
    /// <param name="cores">The machine's cores (default <see cref="Environment.ProcessorCount"/>): a quota above them cannot bite.</param>
    public static NodeCpuBudget Parse(string? text, int? cores = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var limit = cores ?? Environment.ProcessorCount;
        var values = NodeBudgetEntries.Split(Option, text, "0.3", "primary=0.6,replicas=0.2");
        double? Quota(string key) => values.TryGetValue(key, out var value) ? ParseQuota(value, limit) : null;
        return new NodeCpuBudget(Quota(string.Empty), Quota(NodeBudgetEntries.Primary), Quota(NodeBudgetEntries.Replicas));
    }

    /// <summary>The quota of a node in <paramref name="role"/>, in CPUs; null when it has none.</summary>
    public double? For(NodeRole role) => (role == NodeRole.Primary ? Primary : Replicas) ?? EveryNode;

    /// <summary>The canonical spelling, which <see cref="Parse"/> reads back: <c>0.3</c>, <c>primary=0.6,replicas=0.2</c>.</summary>
    public override string ToString() => NodeBudgetEntries.Join(
        EveryNode is { } all ? Format(all) : null,
        Primary is { } primary ? Format(primary) : null,
        Replicas is { } replicas ? Format(replicas) : null);

    /// <summary>A quota as people read it: <c>0.3</c>, <c>1</c>.</summary>
    public static string Format(double cpus) => cpus.ToString("0.###", CultureInfo.InvariantCulture);

    private static double ParseQuota(string text, int cores)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) || !double.IsFinite(cpus))
        {
            throw new BadInputException(
                $"{Option}: '{text}' is not a number of CPUs; write e.g. {Option} 0.3 (every node) or {Option} primary=0.6,replicas=0.2.");
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"give {Minimum} to {cores} (this machine's cores), e.g. {Option} 0.3");
        if (cpus <= 0)
        {
            throw new BadInputException($"{Option}: '{text}' is not a positive number of CPUs; {range}.");
        }

        if (cpus < Minimum)
        {
            throw new BadInputException($"{Option}: '{text}' is below {Format(Minimum)} CPU, the smallest quota the kernel takes (1ms per 100ms); {range}.");
        }

        if (cpus > cores)
        {
            throw new BadInputException(string.Create(
                CultureInfo.InvariantCulture, $"{Option}: '{text}' is more than this machine's {cores} cores, so the quota could never bite; {range}."));
        }

        return cpus;
    }
}
