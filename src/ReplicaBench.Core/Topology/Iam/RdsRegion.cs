using System.Text.RegularExpressions;

namespace ReplicaBench.Topology.Iam;

/// <summary>
/// The AWS region an RDS token is signed for, first found of: the region given explicitly
/// (<c>--region</c>, or the external config's <c>region</c>), <c>AWS_REGION</c>,
/// <c>AWS_DEFAULT_REGION</c>, then the endpoint's own name
/// (<c>NAME.ID.REGION.rds.amazonaws.com</c>, or <c>.com.cn</c> in China). A token signed for the
/// wrong region is refused by the server, so a name that is not an RDS endpoint gives no region
/// rather than a guess.
/// </summary>
public static partial class RdsRegion
{
    public const string RegionVariable = "AWS_REGION";

    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <summary>The region, or a <see cref="BadInputException"/> that names the three places searched.</summary>
    /// <param name="explicitRegion">The region the user gave, or null.</param>
    /// <param name="explicitName">How the user gives it here, for the message (<c>--region</c>, or the config's field).</param>
    /// <param name="host">The endpoint's host name, the last place looked.</param>
    /// <param name="environment">Reads an environment variable.</param>
    public static string Resolve(string? explicitRegion, string explicitName, string host, Func<string, string?> environment)
    {
        var region = Blank(explicitRegion) ?? Blank(environment(RegionVariable)) ?? Blank(environment(DefaultRegionVariable)) ?? FromHost(host);
        if (region is null)
        {
            throw new BadInputException(
                $"no AWS region for the IAM token to {host}: give {explicitName}, set {RegionVariable} or {DefaultRegionVariable}, or connect by the RDS endpoint name (NAME.ID.REGION.rds.amazonaws.com), which carries it.");
        }

        return IsRegion(region)
            ? region
            : throw new BadInputException($"'{region}' is not an AWS region name; use one such as eu-west-1 or us-east-1.");
    }

    /// <summary>The region in an RDS endpoint name, or null when <paramref name="host"/> is not one.</summary>
    public static string? FromHost(string host)
    {
        var match = RdsEndpoint().Match(host.Trim());
        return match.Success ? match.Groups["region"].Value.ToLowerInvariant() : null;
    }

    private static bool IsRegion(string region) => RegionName().IsMatch(region);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"^[^.]+\.[^.]+\.(?<region>[a-z]{2}(-[a-z]+)+-\d+)\.rds\.amazonaws\.com(\.cn)?\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RdsEndpoint();

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();
}
