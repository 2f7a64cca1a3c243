using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// What a cell measured about how old its reads' data could be. Reads on the primary are never
/// stale. For reads served by replicas, each of three measurements is evidence, and the worst
/// counts: the visibility probe's p99 per serving replica (commit acknowledged → row visible), the
/// server's replay lag per serving replica (the largest sample), and the stale-read checks' age
/// p99 — the checks only when the cell wrote, since with no writes they cannot see a stale read
/// and their "0 stale" says nothing. Replay age (now() − last replay) is left out: it grows on an
/// idle primary although nothing is stale. A serving replica that neither its own figures nor the
/// checks cover leaves the cell without evidence.
/// </summary>
internal sealed record StalenessEvidence(bool ReadsReplicas, IReadOnlyList<StalenessFigure> Figures, IReadOnlyList<string> Uncovered)
{
    private const string Primary = "primary";

    /// <summary>The worst figure in ms; 0 for a cell that reads the primary only; null without evidence.</summary>
    public double? WorstMs => !ReadsReplicas ? 0 : Uncovered.Count > 0 || Figures.Count == 0 ? null : Figures.Max(f => f.Ms);

    public static StalenessEvidence Of(CellResults cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var serving = ServingReplicas(cell);
        if (serving is [])
        {
            return new StalenessEvidence(false, [], []);
        }

        var figures = new List<StalenessFigure>();
        var uncovered = new List<string>();
        foreach (var replica in serving)
        {
            var own = figures.Count;
            if (cell.Visibility.FirstOrDefault(v => v.Replica == replica) is { Samples: > 0, P99Ms: { } visibility })
            {
                figures.Add(new StalenessFigure($"{replica} visibility p99", visibility));
            }

            var lag = cell.Lag.Where(l => l.Replica == replica && l.ReplayLagMs is not null).Select(l => l.ReplayLagMs!.Value).ToArray();
            if (lag.Length > 0)
            {
                figures.Add(new StalenessFigure($"{replica} server replay lag", lag.Max(), $"{replica} server replay lag {Format.Ms(lag.Max())} (largest of {lag.Length} samples)"));
            }

            if (figures.Count == own)
            {
                uncovered.Add(replica);
            }
        }

        // Stale-read checks see every read, so they cover every serving replica, but only under writes.
        if (cell.StaleReads is { } stale && cell.WriteThroughput > 0 && (stale == 0 ? 0 : cell.StaleAgeMs?.P99 ?? cell.StaleAgeMs?.Max) is { } age)
        {
            figures.Add(stale == 0 ? new StalenessFigure("stale-read checks", 0, "0 stale reads under writes") : new StalenessFigure("stale-read age p99", age));
            uncovered.Clear();
        }

        return new StalenessEvidence(true, figures, uncovered);
    }

    /// <summary>For the reasoning: "0 (reads on the primary only)", "312 ms at worst (…)" or "no evidence (…)".</summary>
    public string Describe()
    {
        if (!ReadsReplicas)
        {
            return "0 (reads on the primary only)";
        }

        var figures = string.Join(", ", Figures.Select(f => f.ToString()));
        if (WorstMs is { } worst)
        {
            return $"{Format.Ms(worst)} at worst ({figures})";
        }

        var missing = Uncovered.Count > 0 ? $"{string.Join(" and ", Uncovered)} served reads with" : "reads on replicas with";
        return $"no evidence ({missing} no visibility probe, no server replay lag and no stale-read checks under writes{(figures.Length > 0 ? "; " + figures : "")})";
    }

    /// <summary>The figures beyond <paramref name="boundMs"/>, worst first.</summary>
    public IEnumerable<StalenessFigure> Beyond(double boundMs) => Figures.Where(f => f.Ms > boundMs).OrderByDescending(f => f.Ms);

    /// <summary>
    /// The replicas that served the cell's reads: from the routing counts when there are any;
    /// otherwise every replica the cell measured, unless it had none or routed to the primary only.
    /// </summary>
    private static string[] ServingReplicas(CellResults cell)
    {
        if (cell.Replicas == 0 || cell.Policy == Charts.ReportBaseline.PrimaryOnly)
        {
            return [];
        }

        if (cell.Routing is { IntendedVsServed.Count: > 0 } routing)
        {
            return [.. routing.IntendedVsServed.Where(r => r.Reads > 0 && r.Served != Primary).Select(r => r.Served).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        }

        var measured = cell.Lag.Select(l => l.Replica).Concat(cell.Visibility.Select(v => v.Replica)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return measured.Length > 0 ? measured : [$"the {cell.Replicas} replica{(cell.Replicas == 1 ? "" : "s")}"];
    }
}
