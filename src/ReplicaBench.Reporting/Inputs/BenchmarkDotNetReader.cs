using System.Text.Json;
using ReplicaBench.Results;

namespace ReplicaBench.Reporting.Inputs;

/// <summary>
/// Reads BenchmarkDotNet's full JSON export (<c>*-report-full.json</c>). Only the statistics a
/// report needs are taken: mean, standard error and the confidence interval in nanoseconds, and
/// bytes allocated per operation. Benchmarks that failed (no statistics) are skipped.
/// </summary>
public static class BenchmarkDotNetReader
{
    public static IReadOnlyList<MicroBenchmarkResult> Read(string file)
    {
        using var document = JsonFiles.Parse(file);
        if (!document.RootElement.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
        {
            throw new BadInputException($"'{file}' has no Benchmarks array; it is not a BenchmarkDotNet full JSON report (use the JSON exporter 'full').");
        }

        var results = new List<MicroBenchmarkResult>();
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var mean = Number(statistics, "Mean");
            if (mean is null)
            {
                continue;
            }

            var standardError = Number(statistics, "StandardError") ?? 0;
            double lower = mean.Value, upper = mean.Value;
            if (statistics.TryGetProperty("ConfidenceInterval", out var interval) && interval.ValueKind == JsonValueKind.Object)
            {
                lower = Number(interval, "Lower") ?? lower;
                upper = Number(interval, "Upper") ?? upper;
            }

            long? allocated = null;
            if (benchmark.TryGetProperty("Memory", out var memory) && memory.ValueKind == JsonValueKind.Object &&
                memory.TryGetProperty("BytesAllocatedPerOperation", out var bytes) && bytes.ValueKind == JsonValueKind.Number)
            {
                allocated = bytes.GetInt64();
            }

            results.Add(new MicroBenchmarkResult(
                Text(benchmark, "FullName"),
                Text(benchmark, "Type"),
                Text(benchmark, "Method"),
                Text(benchmark, "Parameters"),
                mean.Value,
                standardError,
                lower,
                upper,
                allocated));
        }

        return results;
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";
}
