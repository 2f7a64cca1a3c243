using System.Globalization;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Report;

/// <summary>
/// What a <c>limits</c> run found, one sentence per replica: "replica1 (0.2 CPU) keeps up to ~1,800
/// writes/s; the primary (0.6 CPU) accepted 4,000".
/// </summary>
/// <remarks>
/// Rounding: every rate is rounded to two significant figures (1,777 → 1,800; 996 → 1,000; 300 → 300).
/// A rate measured over a step of seconds moves by a few percent from run to run, so a third figure
/// would claim a precision the run does not have. The sustainable rate carries "~": it is the highest
/// step a replica kept up at, and its real limit lies somewhere between that step and the next.
/// "Accepted" is the highest write rate the primary achieved at any step.
/// </remarks>
public static class LimitsSentence
{
    /// <summary>One sentence per replica of <paramref name="limits"/>, in name order; empty without steps.</summary>
    public static IReadOnlyList<string> For(RunInfo? run, LimitsResults limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Steps.Count == 0)
        {
            return [];
        }

        var accepted = limits.Steps.Max(s => s.AchievedRate);
        var primary = $"the {Named("primary", Cpu(run, limits, "primary"))} accepted {Rate(accepted)}";
        return
        [
            .. limits.SustainableWriteRate.Keys.Order(StringComparer.Ordinal).Select(replica =>
                $"{Named(replica, Cpu(run, limits, replica))} {Verdict(limits, replica)}; {primary}"),
        ];
    }

    /// <summary><paramref name="rate"/> rounded to two significant figures, with thousands separators.</summary>
    public static string Rate(double rate) => Format.TwoSignificant(rate);

    private static string Verdict(LimitsResults limits, string replica)
    {
        var measured = limits.Steps.Where(s => s.Replicas.ContainsKey(replica)).ToList();
        if (measured.Count == 0)
        {
            return "had too few lag samples at every step to tell whether it keeps up";
        }

        if (limits.SustainableWriteRate.GetValueOrDefault(replica) is not { } sustainable)
        {
            return $"falls behind at every step, from {Rate(measured[0].Rate)} writes/s";
        }

        return measured.Any(s => s.Replicas[replica].FallingBehind) || sustainable < limits.Steps[^1].Rate
            ? $"keeps up to ~{Rate(sustainable)} writes/s"
            : $"keeps up at every step, up to {Rate(sustainable)} writes/s";
    }

    private static string Named(string node, double? cpus) =>
        cpus is { } c ? string.Create(CultureInfo.InvariantCulture, $"{node} ({c:0.###} CPU)") : node;

    /// <summary>A node's CPU budget: from the run's emulation (by role), else from the quota a step measured it against; null when not emulated.</summary>
    internal static double? Cpu(RunInfo? run, LimitsResults limits, string node)
    {
        if (run?.Emulation?.NodeCpus is { Length: > 0 } cpus && ByRole(cpus, node) is { } budget)
        {
            return budget;
        }

        return limits.Steps.Select(s => s.Nodes.GetValueOrDefault(node)?.QuotaCores).FirstOrDefault(q => q is not null);
    }

    // "0.3" (every node) or "primary=0.6,replicas=0.2" (by role), as --node-cpus takes them.
    private static double? ByRole(string cpus, string node)
    {
        var role = node == "primary" ? "primary" : "replicas";
        foreach (var part in cpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? null : part[..equals];
            if ((key is null || key == role || key == node) && double.TryParse(part[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
