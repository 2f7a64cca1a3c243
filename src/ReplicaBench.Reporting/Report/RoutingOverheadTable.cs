using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// The "Routing overhead (CPU per operation)" table shared by summary.md and index.html, beside the
/// BenchmarkDotNet table: per policy, the process CPU per point read through the router, that of the
/// plain path it was paired with (the same servers in the same connection pattern, no router), and
/// the difference in µs and percent (goal: under 5%, or 1 µs).
/// </summary>
internal static class RoutingOverheadTable
{
    public const string Title = "Routing overhead (CPU per operation)";

    public static readonly string[] Headers =
    [
        "Policy", "Router (µs/op)", "Compared with", "Plain (µs/op)", "Overhead (µs/op)", "Overhead (%)", "Within goal", "Replica reads", "Middle half of rounds (µs/op)",
    ];

    /// <summary>The rows, policies in the order measured.</summary>
    public static IReadOnlyList<string[]> Rows(RoutingOverheadResults results) =>
    [
        .. results.Policies.Select(p => new[]
        {
            p.Policy,
            Micros(p.CpuMicrosPerOperation),
            p.Baseline ?? results.Baseline,
            Micros(p.BaselineCpuMicrosPerOperation),
            Signed(p.OverheadMicrosPerOperation),
            p.OverheadPercent.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture),
            p.Reference ? "–" : WithinGoal(p) ? "yes" : "no",
            p.ReplicaReadShare is { } share ? Format.Percent(share) : "n/a",
            p.OverheadMicrosPerRound.Count == 0 ? "n/a" : $"{Signed(Quantile(p.OverheadMicrosPerRound, 0.25))} to {Signed(Quantile(p.OverheadMicrosPerRound, 0.75))}",
        }),
    ];

    /// <summary>Under 5% of the plain path's CPU per operation, or under 1 µs.</summary>
    public static bool WithinGoal(RoutingOverheadPolicy policy) =>
        policy.OverheadPercent < 5 || policy.OverheadMicrosPerOperation < 1;

    /// <summary>What the table's figures mean, in one paragraph under it.</summary>
    public static string Note(RoutingOverheadResults results) =>
        string.Create(CultureInfo.InvariantCulture, $"Process CPU (user + system) per point read, {results.VirtualUsers} closed-loop readers, {Format.Integer(results.OperationsPerPass)} reads per pass; ")
        + string.Create(CultureInfo.InvariantCulture, $"in each of {results.Rounds} rounds every row's pass runs next to a pass of the plain path in \"Compared with\". ")
        + "A policy is compared with plain NpgsqlDataSources on the same servers in the same connection pattern, without a router (a connection per replica taken in one shared rotation for the policies that spread reads; reader n on replica n mod N for session-round-robin), so its overhead is the router's own cost. "
        + "Overhead: the median over rounds of (row's pass − its paired plain pass), and the middle half of those differences. Goal: under 5% or under 1 µs per operation. "
        + "npgsql-prefer-standby is Npgsql's own multi-host data source, not this suite's router: it takes a pooled connection per read, so its figure is mostly the pool's open and close. "
        + "A row marked (no router) is a plain path compared with the plain primary: for the replica patterns, what reading replicas that way costs by itself; for a second plain primary (noise floor), how far apart two identical paths measure in this run.";

    /// <summary>The <paramref name="q"/> quantile, interpolated between the two nearest ranks.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    private static string Micros(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(double value) => value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);
}
