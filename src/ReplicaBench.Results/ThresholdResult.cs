using System.ComponentModel;

namespace ReplicaBench.Results;

/// <summary>A pass/fail threshold as the run evaluated it (e.g. <c>p99&lt;5ms</c>).</summary>
public sealed record ThresholdResult(
    [property: Description("The threshold as given, e.g. p99<5ms.")] string Expression,
    [property: Description("The measured value in the threshold's unit; null when it could not be measured.")] string? Actual,
    [property: Description("True when the measured value met the threshold.")] bool Passed);
