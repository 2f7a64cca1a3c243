namespace ReplicaBench.Reporting.Inputs;

/// <summary>
/// One BenchmarkDotNet benchmark from a <c>*-report-full.json</c>: mean, standard error and the
/// confidence interval, all in nanoseconds, and bytes allocated per operation.
/// </summary>
public sealed record MicroBenchmarkResult(
    string FullName,
    string Type,
    string Method,
    string Parameters,
    double MeanNs,
    double StandardErrorNs,
    double CiLowerNs,
    double CiUpperNs,
    long? AllocatedBytesPerOperation)
{
    /// <summary>Identifies the benchmark across runs: full name plus parameters.</summary>
    public string Key => string.IsNullOrEmpty(Parameters) ? FullName : $"{FullName}({Parameters})";

    /// <summary>A short label for charts and tables: <c>Type.Method(params)</c>.</summary>
    public string Label => string.IsNullOrEmpty(Parameters) ? $"{Type}.{Method}" : $"{Type}.{Method}({Parameters})";
}
