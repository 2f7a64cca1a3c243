using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;

namespace ReplicaBench.Benchmarks.Tests;

/// <summary>The benchmarks are not run here; these check that they are found and configured as documented.</summary>
public sealed class BenchmarkDiscoveryTests
{
    private static readonly IConfig Config = BenchConfig.Create("/tmp/rb-run", quick: true);

    [Fact]
    public void The_documented_benchmark_classes_are_discoverable()
    {
        var names = BenchmarkCatalog.Types.Select(t => t.Name).ToList();
        Assert.Contains("ConnectionBenchmarks", names);
        Assert.Contains("RoutingDecisionBenchmarks", names);
        Assert.Contains("RoutedPointReadBenchmarks", names);
        Assert.All(BenchmarkCatalog.Types, t => Assert.NotEmpty(BenchmarkDotNet.Running.BenchmarkConverter.TypeToBenchmarks(t, Config).BenchmarksCases));
    }

    [Fact]
    public void Every_category_has_exactly_one_baseline()
    {
        foreach (var type in BenchmarkCatalog.Types)
        {
            var baselines = type.GetMethods()
                .Select(m => m.GetCustomAttribute<BenchmarkAttribute>())
                .Count(b => b is { Baseline: true });
            Assert.True(baselines == 1, $"{type.Name} has {baselines} baselines");
            Assert.NotNull(type.GetCustomAttribute<BenchmarkCategoryAttribute>());
        }
    }

    [Fact]
    public void The_config_exports_full_json_github_markdown_and_csv_into_the_run_folder()
    {
        var exporters = Config.GetExporters().ToList();

        Assert.Contains(exporters, e => e == JsonExporter.Full);
        Assert.Contains(exporters, e => e == MarkdownExporter.GitHub);
        Assert.Contains(exporters, e => e == CsvExporter.Default);
        Assert.Equal(Path.Combine("/tmp/rb-run", "micro"), Config.ArtifactsPath);
        Assert.Contains(Config.GetDiagnosers(), d => d is BenchmarkDotNet.Diagnosers.MemoryDiagnoser);
    }

    [Fact]
    public void The_quick_job_is_short_and_the_full_job_is_the_default()
    {
        var quick = Assert.Single(Config.GetJobs());
        Assert.Equal(5, quick.Run.IterationCount);
        Assert.Equal(1, quick.Run.LaunchCount);
        Assert.Equal(250, quick.Run.IterationTime.ToMilliseconds());
        var full = Assert.Single(BenchConfig.Create("/tmp/x", quick: false).GetJobs());
        Assert.False(full.HasValue(BenchmarkDotNet.Jobs.RunMode.IterationCountCharacteristic));
    }

    [Fact]
    public void A_filter_that_matches_nothing_selects_no_case()
    {
        Assert.Empty(BenchmarkCatalog.Matching(["*NoSuchBenchmark*"], Config));
        Assert.NotEmpty(BenchmarkCatalog.Matching(["*Connection*"], Config));
    }

    [Fact]
    public void A_run_with_no_benchmark_executed_is_a_failure()
    {
        var (code, message) = BenchVerdict.Judge([]);
        Assert.Equal(1, code);
        Assert.Contains("no benchmark", message, StringComparison.Ordinal);
    }
}
