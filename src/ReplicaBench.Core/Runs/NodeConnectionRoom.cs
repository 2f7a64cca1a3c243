using System.Globalization;

namespace ReplicaBench.Runs;

/// <summary>How many more connections one node (or the pooler in front of it) accepts.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="LimitName">What the limit is, for the message: <c>max_connections</c>, or the pooler's <c>max_client_conn</c>.</param>
/// <param name="Limit">The limit's value.</param>
/// <param name="Reserved">Slots kept for superusers (<c>superuser_reserved_connections</c>, and on PostgreSQL 16+ <c>reserved_connections</c>); 0 for a pooler.</param>
/// <param name="InUse">Connections already open, not counting the check's own.</param>
public sealed record NodeConnectionRoom(string Node, string LimitName, int Limit, int Reserved, int InUse)
{
    /// <summary>What a run may still open; never below 0.</summary>
    public int Available => Math.Max(0, Limit - Reserved - InUse);

    /// <summary>E.g. <c>max_connections 20 - 3 reserved - 2 in use</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{LimitName} {Limit} - {Reserved} reserved - {InUse} in use");
}
