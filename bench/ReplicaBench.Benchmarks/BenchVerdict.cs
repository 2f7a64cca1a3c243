using BenchmarkDotNet.Reports;

namespace ReplicaBench.Benchmarks;

/// <summary>
/// Turns BenchmarkDotNet's summaries into an exit code: a run that executed no benchmark, or in
/// which any benchmark failed to produce measurements, is a failure, not a success.
/// </summary>
public static class BenchVerdict
{
    public static (int ExitCode, string Message) Judge(IReadOnlyList<Summary> summaries)
    {
        var reports = summaries.SelectMany(s => s.Reports).ToList();
        if (reports.Count == 0)
        {
            return (1, "no benchmark was executed");
        }

        var failed = reports
            .Where(r => !r.Success || r.ResultStatistics is null)
            .Select(r => r.BenchmarkCase.DisplayInfo)
            .Concat(summaries.Where(s => s.HasCriticalValidationErrors).Select(s => $"{s.Title} (validation errors)"))
            .ToList();
        return failed.Count == 0
            ? (0, $"{reports.Count} benchmark(s) measured")
            : (1, $"{failed.Count} of {reports.Count} benchmark(s) failed: {string.Join("; ", failed)}");
    }
}
