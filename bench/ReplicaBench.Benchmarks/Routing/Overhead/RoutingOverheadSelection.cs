using System.Text.RegularExpressions;

namespace ReplicaBench.Benchmarks.Routing.Overhead;

/// <summary>
/// Whether a run's --filter globs select the routing-overhead step, matched the way BenchmarkDotNet
/// matches a benchmark's full name (<c>*</c> any run of characters, <c>?</c> one, case-insensitive).
/// </summary>
public static class RoutingOverheadSelection
{
    public static bool IsSelected(IReadOnlyList<string> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return filters.Any(f => Regex.IsMatch(
            RoutingOverheadStep.FullName,
            "^" + Regex.Escape(f).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1)));
    }
}
