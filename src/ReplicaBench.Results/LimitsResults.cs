using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>
/// <c>replicabench limits</c>: the write rates stepped through, what each replica's replay lag did at
/// each, and the highest rate each replica keeps up with.
/// </summary>
public sealed record LimitsResults
{
    [Description("One entry per write-rate step, in the order run (rates increasing).")]
    public IReadOnlyList<LimitStep> Steps { get; init => field = value ?? []; } = [];

    [Description("Per replica, the highest step rate (writes/s) at which it kept up, every lower step kept up too; null when it fell behind at the first step. When it kept up at every step, the highest step tried (a lower bound).")]
    public IReadOnlyDictionary<string, double?> SustainableWriteRate { get; init => field = value ?? new Dictionary<string, double?>(); } = new Dictionary<string, double?>();

    [Description("The test that decides whether a replica fell behind in a step (see each step's replicas.<name>.fallingBehind).")]
    public string Test { get; init; } = "";
}
