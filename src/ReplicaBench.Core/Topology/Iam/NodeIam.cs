using System.Text.Json.Serialization;

namespace ReplicaBench.Topology.Iam;

/// <summary>
/// A node reached with RDS IAM authentication: its password is a fresh token for the node's host,
/// port and user, signed for <see cref="Region"/>. topology.json records the region only; the
/// token source is the default chain again when the file is read.
/// </summary>
/// <param name="Region">The AWS region the tokens are signed for.</param>
public sealed record NodeIam(string Region)
{
    /// <summary>Where tokens come from: the default credential chain and clock unless a test injects its own.</summary>
    [JsonIgnore]
    public RdsTokenSource Tokens { get; init; } = RdsTokenSource.Default;
}
