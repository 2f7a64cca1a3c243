using System.Globalization;
using ReplicaBench.Engine;

namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// How much memory each server may use (<c>--node-memory</c>): <c>1GB</c> for every node, or
/// <c>primary=2GB,replicas=1GB</c> per role. Units are binary and Docker's (<c>512MB</c> =
/// <c>512m</c> = 512 MiB). The limit covers the page cache the server's reads bring in, which is
/// what makes a small instance small.
/// </summary>
public sealed record NodeMemoryLimit
{
    public const string Option = "--node-memory";

    /// <summary>The servers run with <c>shared_buffers = 128MB</c>; below twice that they would be killed, not slowed.</summary>
    public const long MinimumBytes = 256L * 1024 * 1024;

    private const long MiB = 1024L * 1024;

    private const long GiB = 1024L * MiB;

    private NodeMemoryLimit(long? everyNode, long? primary, long? replicas)
    {
        EveryNode = everyNode;
        Primary = primary;
        Replicas = replicas;
    }

    public static NodeMemoryLimit None { get; } = new(null, null, null);

    /// <summary>The limit of every node whose role is not named, in bytes; null for none.</summary>
    public long? EveryNode { get; }

    public long? Primary { get; }

    public long? Replicas { get; }

    public bool IsEmpty => EveryNode is null && Primary is null && Replicas is null;

    /// <summary>Parses and checks the option's value: each limit at least <see cref="MinimumBytes"/>.</summary>
    /// <param name="text">The value; null or blank for no limit.</param>
    public static NodeMemoryLimit Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return None;
        }

        var values = NodeBudgetEntries.Split(Option, text, "1GB", "primary=2GB,replicas=1GB");
        long? Limit(string key) => values.TryGetValue(key, out var value) ? ParseBytes(value) : null;
        return new NodeMemoryLimit(Limit(string.Empty), Limit(NodeBudgetEntries.Primary), Limit(NodeBudgetEntries.Replicas));
    }

    /// <summary>The limit of a node in <paramref name="role"/>, in bytes; null when it has none.</summary>
    public long? For(NodeRole role) => (role == NodeRole.Primary ? Primary : Replicas) ?? EveryNode;

    /// <summary>The canonical spelling, which <see cref="Parse"/> reads back: <c>1GB</c>, <c>primary=2GB,replicas=512MB</c>.</summary>
    public override string ToString() => NodeBudgetEntries.Join(
        EveryNode is { } all ? Format(all) : null,
        Primary is { } primary ? Format(primary) : null,
        Replicas is { } replicas ? Format(replicas) : null);

    /// <summary>A size as people read it: <c>1GB</c>, <c>768MB</c>, else bytes.</summary>
    public static string Format(long bytes) =>
        bytes % GiB == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / GiB}GB")
        : bytes % MiB == 0 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / MiB}MB")
        : bytes.ToString(CultureInfo.InvariantCulture);

    private static long ParseBytes(string text)
    {
        var digits = text.TrimEnd('b', 'B', 'i');
        var unit = digits.Length > 0 ? char.ToLowerInvariant(digits[^1]) : ' ';
        var multiplier = unit switch { 'k' => 1024L, 'm' => MiB, 'g' => GiB, _ => 1L };
        var number = multiplier == 1 ? digits : digits[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value * multiplier > long.MaxValue)
        {
            throw new BadInputException($"{Option}: '{text}' is not a size; write e.g. {Option} 1GB (every node) or {Option} primary=2GB,replicas=512MB.");
        }

        var bytes = (long)Math.Round(value * multiplier);
        if (bytes < MinimumBytes)
        {
            throw new BadInputException(
                $"{Option}: '{text}' is below {Format(MinimumBytes)}, too little for a server with 128MB of shared_buffers; give {Format(MinimumBytes)} or more, e.g. {Option} 1GB.");
        }

        return bytes;
    }
}
