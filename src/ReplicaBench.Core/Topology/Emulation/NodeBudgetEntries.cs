namespace ReplicaBench.Topology.Emulation;

/// <summary>
/// The shape every per-node budget option shares: one value for every node (<c>0.3</c>), or one per
/// role (<c>primary=0.6,replicas=0.2</c>), or both (the plain value for the roles not named). Roles,
/// not node names: a later failover renames no node, but the budget question is "how big is a
/// replica", so that is what the option asks.
/// </summary>
internal static class NodeBudgetEntries
{
    public const string Primary = "primary";

    public const string Replicas = "replicas";

    /// <summary>The value text per key: null for every node, else <see cref="Primary"/> or <see cref="Replicas"/>.</summary>
    /// <param name="option">The option as the user wrote it, e.g. <c>--node-cpus</c>, for the error line.</param>
    /// <param name="text">The option's value.</param>
    /// <param name="example">A valid value for every node, for the error line, e.g. <c>0.3</c>.</param>
    /// <param name="perRole">A valid per-role value, for the error line, e.g. <c>primary=0.6,replicas=0.2</c>.</param>
    public static IReadOnlyDictionary<string, string> Split(string option, string text, string example, string perRole)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (entries.Length == 0)
        {
            throw new BadInputException($"{option} is empty; give one value for every node, e.g. {option} {example}.");
        }

        foreach (var entry in entries)
        {
            var eq = entry.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? string.Empty : entry[..eq].Trim();
            if (eq >= 0 && key is not (Primary or Replicas))
            {
                throw new BadInputException(
                    $"{option}: '{entry}' names '{key}', which is not a role; name {Primary} or {Replicas}, e.g. {option} {perRole}.");
            }

            if (!values.TryAdd(key, eq < 0 ? entry : entry[(eq + 1)..].Trim()))
            {
                var what = key.Length == 0 ? "a value for every node" : key;
                throw new BadInputException($"{option} '{text}' gives {what} twice; give each once.");
            }
        }

        return values;
    }

    /// <summary>
    /// The canonical spelling <see cref="Split"/> reads back, from the values already formatted
    /// (null where not given): <c>0.3</c>, <c>primary=0.6,replicas=0.2</c>, or <c>none</c>.
    /// </summary>
    public static string Join(string? everyNode, string? primary, string? replicas)
    {
        string?[] parts = [everyNode, primary is null ? null : $"{Primary}={primary}", replicas is null ? null : $"{Replicas}={replicas}"];
        var given = parts.OfType<string>().ToList();
        return given.Count == 0 ? "none" : string.Join(',', given);
    }
}
