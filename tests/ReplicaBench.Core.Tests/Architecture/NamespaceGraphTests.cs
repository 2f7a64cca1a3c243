namespace ReplicaBench.Tests.Architecture;

/// <summary>
/// The parts depend on each other in one direction only, as docs/architecture.md draws it: the
/// engine knows nothing of PostgreSQL, topologies or routing; Reporting reads only the results
/// contract; the programs sit on top.
/// </summary>
public sealed class NamespaceGraphTests
{
    // Each part and the parts it may use: the diagram in docs/architecture.md, as data.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Results"] = [],
        ["Configuration"] = [],
        ["Engine"] = ["Configuration"],
        ["Topology"] = ["Configuration", "Engine"],
        ["Routing"] = ["Configuration", "Engine", "Topology"],
        ["Measurement"] = ["Configuration", "Engine", "Topology", "Routing"],
        ["Workload"] = ["Configuration", "Engine", "Topology", "Routing", "Measurement"],
        ["Runs"] = ["Configuration", "Engine", "Topology", "Routing", "Measurement", "Workload", "Results"],
        ["Reporting"] = ["Results"],
        ["LoadTests"] = ["Configuration", "Engine", "Workload", "Runs"],
        ["Benchmarks"] = ["Configuration", "Engine", "Topology", "Routing", "Measurement", "Workload", "Results"],
        ["Cli"] = ["Configuration", "Engine", "Topology", "Routing", "Measurement", "Workload", "Runs", "Results", "Reporting", "LoadTests"],
    };

    [Fact]
    public void The_parts_form_a_graph_without_cycles()
    {
        var graph = NamespaceGraph.Read(Repository());

        Assert.Null(NamespaceGraph.FindCycle(graph));
    }

    [Fact]
    public void Every_part_uses_only_the_parts_below_it_in_the_architecture()
    {
        var graph = NamespaceGraph.Read(Repository());

        Assert.All(graph, part =>
        {
            Assert.True(Allowed.ContainsKey(part.Key), $"ReplicaBench.{part.Key} is not in docs/architecture.md; add it there and to this table");
            var forbidden = part.Value.Except(Allowed[part.Key], StringComparer.Ordinal).ToArray();
            Assert.True(forbidden.Length == 0, $"ReplicaBench.{part.Key} uses {string.Join(", ", forbidden)}, which the architecture does not allow");
        });
    }

    [Fact]
    public void The_check_sees_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal)
        {
            ["Topology"] = ["Workload"],
            ["Workload"] = ["Routing"],
            ["Routing"] = ["Topology"],
        };

        Assert.Equal("Topology -> Workload -> Routing -> Topology", NamespaceGraph.FindCycle(graph));
    }

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReplicaBench.sln")))
        {
            directory = directory.Parent;
        }

        Assert.True(directory is not null, "ReplicaBench.sln not found above " + AppContext.BaseDirectory);
        return directory.FullName;
    }
}
