namespace ReplicaBench.Topology.Poolers;

/// <summary>The names a user writes for a <see cref="PoolerKind"/>: <c>none</c>, <c>pgbouncer</c>, <c>rds-proxy</c>.</summary>
public static class PoolerNames
{
    public const string None = "none";
    public const string PgBouncer = "pgbouncer";
    public const string RdsProxy = "rds-proxy";

    public static IReadOnlyList<string> All { get; } = [None, PgBouncer, RdsProxy];

    public static string Name(PoolerKind kind) => kind switch
    {
        PoolerKind.PgBouncer => PgBouncer,
        PoolerKind.RdsProxy => RdsProxy,
        _ => None,
    };

    /// <summary>Parses a pooler name; <paramref name="source"/> names where it came from for the one-line error.</summary>
    /// <exception cref="BadInputException">The name is not one of <see cref="All"/>.</exception>
    public static PoolerKind Parse(string? name, string source)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        foreach (var kind in Enum.GetValues<PoolerKind>())
        {
            if (string.Equals(trimmed, Name(kind), StringComparison.OrdinalIgnoreCase))
            {
                return kind;
            }
        }

        throw new BadInputException($"{source} '{name}' is not a pooler this suite knows; use one of: {string.Join(", ", All)}.");
    }
}
