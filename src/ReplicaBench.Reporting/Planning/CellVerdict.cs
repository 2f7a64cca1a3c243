using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Planning;

/// <summary>
/// One measured cell held against a request: with headroom taken off its measured throughput, does
/// it carry the target reads and writes at the target's read/write mix, keep p99 under the bound,
/// and have staleness evidence under the bound? Each shortfall is one problem, in words.
/// </summary>
internal sealed class CellVerdict
{
    private readonly List<string> _problems = [];
    private int _capacityProblems;

    private CellVerdict(CellResults cell, StalenessEvidence staleness, ReadWriteMix? mix)
    {
        (Cell, Staleness, Mix) = (cell, staleness, mix);
    }

    public CellResults Cell { get; }

    public StalenessEvidence Staleness { get; }

    /// <summary>The cell's measured mix; null when it measured no reads and no writes.</summary>
    public ReadWriteMix? Mix { get; }

    public IReadOnlyList<string> Problems => _problems;

    public bool Meets => _problems.Count == 0;

    /// <summary>True when read or write capacity is all it lacks: its mix, p99 and staleness meet the request.</summary>
    public bool MeetsBesidesCapacity => _problems.Count == _capacityProblems;

    public bool MixDiffers { get; private set; }

    public bool StalenessUnknown { get; private set; }

    /// <summary>Staleness evidence beyond the bound; the figures, worst first, are in <see cref="Beyond"/>.</summary>
    public bool StalenessOver => Beyond.Count > 0;

    public IReadOnlyList<StalenessFigure> Beyond { get; private set; } = [];

    /// <summary>Reads per second the cell measured (all operations when reads were not counted apart).</summary>
    public double Reads => Cell.ReadThroughput ?? Cell.Throughput;

    public double Writes => Cell.WriteThroughput ?? 0;

    public static CellVerdict Evaluate(CellResults cell, PlanRequest request, ReadWriteMix? targetMix)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(request);
        var verdict = new CellVerdict(cell, StalenessEvidence.Of(cell), ReadWriteMix.Of(cell.ReadThroughput ?? cell.Throughput, cell.WriteThroughput ?? 0));
        verdict.Check(request, targetMix);
        return verdict;
    }

    private void Check(PlanRequest request, ReadWriteMix? targetMix)
    {
        var usable = 1 - request.Headroom;
        if (Reads * usable < request.TargetReads)
        {
            _problems.Add($"reads short ({Format.Number(Reads * usable)}/s usable < {Format.Number(request.TargetReads)}/s)");
            _capacityProblems++;
        }

        if (Writes * usable < request.TargetWrites)
        {
            _problems.Add($"writes short ({Format.Number(Writes * usable)}/s usable < {Format.Number(request.TargetWrites)}/s)");
            _capacityProblems++;
        }

        if (targetMix is not null && (Mix is null || !Mix.Matches(targetMix)))
        {
            MixDiffers = true;
            _problems.Add($"mix {(Mix is null ? "not measured" : Mix.ToString())}, not the target's {targetMix} ({ReadWriteMix.ToleranceText})");
        }

        if (Cell.LatencyMs?.P99 is not { } p99)
        {
            _problems.Add("p99 not measured");
        }
        else if (p99 > request.P99Ms)
        {
            _problems.Add($"p99 {Format.Ms(p99)} > {Format.Ms(request.P99Ms)}");
        }

        if (Staleness.WorstMs is null)
        {
            StalenessUnknown = true;
            _problems.Add($"no staleness evidence, so not recommended under a {Format.Ms(request.MaxStalenessMs)} staleness bound");
        }
        else if (Staleness.Beyond(request.MaxStalenessMs).ToArray() is { Length: > 0 } beyond)
        {
            Beyond = beyond;
            _problems.Add($"{string.Join(", ", beyond.Select(f => f.ToString()))} > {Format.Ms(request.MaxStalenessMs)}");
        }
    }
}
