using ReplicaBench.Topology.Iam;

namespace ReplicaBench.Topology.External;

/// <summary>
/// What <c>auth: iam</c> means for an external topology on <c>up</c>: no password may be set as
/// well (which one would be used?), each endpoint gets the region its tokens are signed for, and
/// credentials are looked for once up front so that missing ones are one line, not a login failure
/// per endpoint.
/// </summary>
internal static class ExternalIam
{
    /// <summary>Refuses a password source set alongside IAM; returns null (no password) otherwise.</summary>
    /// <remarks>A default <c>~/.pgpass</c> that merely exists is not a choice the user made here, so it is ignored, not refused.</remarks>
    public static ExternalPassword? RefusePasswords(Func<string, string?> environment)
    {
        foreach (var variable in (string[])[ExternalPassword.PasswordVariable, ExternalPassword.LibpqPasswordVariable, ExternalPassword.PassFileVariable])
        {
            if (environment(variable) is { Length: > 0 })
            {
                throw new BadInputException(
                    $"auth iam logs in with IAM tokens, but {variable} is set too; unset {variable}, or use auth password (REPLICABENCH_AUTH=password).");
            }
        }

        return null;
    }

    /// <summary>Each endpoint's IAM settings, the primary first; fails early when there is no region or no credentials.</summary>
    public static IReadOnlyList<NodeIam> ForEndpoints(ExternalTopologyConfig config, RdsTokenSource tokens, Func<string, string?> environment)
    {
        var nodes = config.Endpoints
            .Select(e => new NodeIam(RdsRegion.Resolve(config.Region, $"region in the config (or {ExternalEnvironment.Region})", e.Host, environment)) { Tokens = tokens })
            .ToList();

        // Signing once finds the credentials (or says where it looked); the token itself is dropped.
        _ = tokens.TokenFor(config.Primary.Host, config.Primary.Port, config.User, nodes[0].Region);
        return nodes;
    }

    /// <summary>What topology.json and <c>up</c> say instead of a password source.</summary>
    public static string Describe(IReadOnlyList<NodeIam> nodes) =>
        $"IAM tokens signed for {string.Join(", ", nodes.Select(n => n.Region).Distinct(StringComparer.Ordinal))}";
}
