using System.Text.Json;
using System.Text.RegularExpressions;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Cli.Tests.Commands;

/// <summary>docs/grafana-replicabench.json queries only metrics the suite publishes, and shows each of them.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public void Every_query_of_the_dashboard_names_a_metric_the_meter_publishes_and_every_metric_is_shown()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReplicaBench.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "docs", "grafana-replicabench.json")));
        var queried = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .SelectMany(t => MetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        string[] published =
        [
            ReplicaBenchMeter.OperationsName, ReplicaBenchMeter.OperationDurationName + "_bucket",
            ReplicaBenchMeter.ReplicaLagName, ReplicaBenchMeter.StaleReadsName,
        ];

        Assert.Equal(published.Order(StringComparer.Ordinal), queried.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("replicabench_[a-z_]+")]
    private static partial Regex MetricName();
}
