using System.Globalization;
using ReplicaBench.Engine;
using ReplicaBench.Topology;
using ReplicaBench.Topology.Emulation;
using ReplicaBench.Topology.Poolers;
using Spectre.Console;

namespace ReplicaBench.Cli.Output;

/// <summary>Readable tables of nodes. Never shows a connection string: they carry the password.</summary>
internal static class NodeTable
{
    public static void WriteNodes(TextWriter output, TopologyDescriptor topology)
    {
        var emulation = topology.Emulation;
        var table = new Table().AddColumns("node", "role", "address", "apply delay");
        AddBudgetColumns(table, emulation);
        foreach (var node in topology.Nodes)
        {
            string[] cells = [
                node.Name,
                node.Role.ToString().ToLowerInvariant(),
                $"{node.Host}:{node.Port}",
                node.Role == NodeRole.Replica ? Ms(node.ApplyDelayMs) : "-"];
            table.AddRow([.. cells, .. BudgetCells(emulation, node.Name)]);
        }

        Render(output, table);
    }

    public static void WriteStatus(TextWriter output, IReadOnlyList<NodeStatus> statuses, NodeEmulation? emulation = null)
    {
        var table = new Table().AddColumns("node", "role", "reachable", "in recovery", "replication", "lag bytes", "write lag", "flush lag", "replay lag");
        AddBudgetColumns(table, emulation);
        foreach (var s in statuses)
        {
            string[] cells = [
                s.Name,
                s.Role.ToString().ToLowerInvariant(),
                s.Reachable ? "yes" : Markup.Escape("no: " + s.Error),
                s.InRecovery is null ? "?" : s.InRecovery.Value ? "yes" : "no",
                s.ReplicationState ?? "-",
                s.ReplayLagBytes?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Lag(s.WriteLag, s),
                Lag(s.FlushLag, s),
                Lag(s.ReplayLag, s)];
            table.AddRow([.. cells, .. BudgetCells(emulation, s.Name)]);
        }

        Render(output, table);
    }

    /// <summary>One line on how the budget is enforced: <c>Emulated nodes: cpus 0.3 (cgroup v1, one group per server, removed on down)</c>.</summary>
    /// <summary>One line on the poolers: which, the pool size, and each node's pooler and server ports.</summary>
    public static string DescribePooler(PoolerDetails pooler)
    {
        var size = pooler.DefaultPoolSize is { } pool ? $", transaction mode, default_pool_size {pool}" : ", transaction mode";
        var nodes = pooler.Nodes.Count == 0
            ? "the nodes' endpoints are the pooler's"
            : "pooler -> server: " + string.Join(", ", pooler.Nodes.Select(n => $"{n.Key} {n.Value.PoolerPort} -> {n.Value.ServerPort}"));
        return $"Pooler: {pooler.Name}{size}; {nodes}.";
    }

    public static string DescribeEmulation(TopologyDescriptor topology)
    {
        var emulation = topology.Emulation!;
        var budget = new List<string>();
        if (emulation.Cpus is { } cpus)
        {
            budget.Add("cpus " + cpus);
        }

        if (emulation.Memory is { } memory)
        {
            budget.Add("memory " + memory);
        }

        var how = topology.Containers is not null
            ? "Docker's --cpus/--memory per container"
            : $"one cgroup per server{(emulation.Nodes.FirstOrDefault()?.Cgroup is { } group ? $" ({group.Version.ToString().ToLowerInvariant()})" : "")}, removed on down";
        return $"Emulated nodes: {string.Join("; ", budget)}; {how}.";
    }

    private static void AddBudgetColumns(Table table, NodeEmulation? emulation)
    {
        if (emulation is not null)
        {
            table.AddColumns("cpus", "memory");
        }
    }

    private static string[] BudgetCells(NodeEmulation? emulation, string node)
    {
        if (emulation is null)
        {
            return [];
        }

        var budget = emulation.Find(node);
        return [
            budget?.Cpus is { } cpus ? NodeCpuBudget.Format(cpus) : "-",
            budget?.MemoryBytes is { } bytes ? NodeMemoryLimit.Format(bytes) : "-"];
    }

    private static string Lag(TimeSpan? lag, NodeStatus status) =>
        lag is { } value ? Ms(value.TotalMilliseconds)
        : status.Role == NodeRole.Replica && status.ReplicationState == "streaming" ? "idle" : "-";

    private static string Ms(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Writes a table in the CLI's one style: colours and box lines on a terminal, plain
    /// characters (no escape sequences) when the output is redirected or captured.</summary>
    internal static void Render(TextWriter output, Table table) => CreateConsole(output).Write(table);

    /// <summary>Whether <paramref name="output"/> is a terminal a person watches (live views allowed).</summary>
    internal static bool IsTerminal(TextWriter output) => output == Console.Out && !Console.IsOutputRedirected;

    internal static IAnsiConsole CreateConsole(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = IsTerminal(output) ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = IsTerminal(output) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (!IsTerminal(output))
        {
            // Redirected output (CI logs, files) has no terminal width: do not wrap at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }
}
