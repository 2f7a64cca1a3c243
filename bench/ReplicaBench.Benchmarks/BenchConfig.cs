using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace ReplicaBench.Benchmarks;

/// <summary>
/// The one configuration every benchmark runs with: memory diagnoser, results grouped by
/// category with a baseline each, and the three exporters the report step reads (full JSON,
/// GitHub Markdown, CSV), all written to <c>RUN_DIR/micro/results/</c>.
/// </summary>
public static class BenchConfig
{
    /// <summary>The sub-folder of a run folder that holds the microbenchmark artifacts.</summary>
    public const string MicroFolder = "micro";

    /// <summary>Target length of one iteration in the quick job (BenchmarkDotNet's default is 500 ms).</summary>
    public const int QuickIterationMilliseconds = 250;

    public static IConfig Create(string runDirectory, bool quick)
    {
        var job = quick
            // Short enough that `run-bench.ps1 -Quick` (micro + load + report) stays under 5 minutes
            // on 2 cores, long enough for a confidence interval: 1 launch, 3 warm-up and 5 measured
            // iterations of 250 ms each. Every stage (pilot, overhead, warm-up, measured) runs whole
            // iterations, so the iteration time, not the count, sets the suite's length: halving
            // BenchmarkDotNet's 500 ms default took the 18-benchmark suite from 3m23s to 2m54s
            // (measured with other builds running; less on a quiet machine).
            ? Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(QuickIterationMilliseconds)).WithId("Quick")
            : Job.Default.WithId("Full");

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddColumn(StatisticColumn.P95)
            .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full, MarkdownExporter.GitHub, CsvExporter.Default)
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithArtifactsPath(Path.Combine(runDirectory, MicroFolder))
            .WithOptions(ConfigOptions.JoinSummary);
    }
}
