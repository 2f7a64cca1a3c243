namespace ReplicaBench.Topology.External;

/// <summary>
/// What a configured replica name may be: it becomes the node name in topology.json and is matched
/// against <c>application_name</c> in the primary's <c>pg_stat_replication</c>, which PostgreSQL
/// truncates at 63 bytes; <c>primary</c> is taken.
/// </summary>
internal static class ReplicaNames
{
    public static bool IsValid(string name) =>
        name.Length is >= 1 and <= 63
        && !string.Equals(name, "primary", StringComparison.OrdinalIgnoreCase)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
