using System.Globalization;
using ReplicaBench.Topology;
using Spectre.Console;

namespace ReplicaBench.Cli.Output;

/// <summary>Readable tables of nodes. Never shows a connection string: they carry the password.</summary>
internal static class NodeTable
{
    public static void WriteNodes(TextWriter output, TopologyDescriptor topology)
    {
        var table = new Table().AddColumns("node", "role", "address", "apply delay");
        foreach (var node in topology.Nodes)
        {
            table.AddRow(
                node.Name,
                node.Role.ToString().ToLowerInvariant(),
                $"{node.Host}:{node.Port}",
                node.Role == NodeRole.Replica ? Ms(node.ApplyDelayMs) : "-");
        }

        Render(output, table);
    }

    public static void WriteStatus(TextWriter output, IReadOnlyList<NodeStatus> statuses)
    {
        var table = new Table().AddColumns("node", "role", "reachable", "in recovery", "replication", "lag bytes", "write lag", "flush lag", "replay lag");
        foreach (var s in statuses)
        {
            table.AddRow(
                s.Name,
                s.Role.ToString().ToLowerInvariant(),
                s.Reachable ? "yes" : Markup.Escape("no: " + s.Error),
                s.InRecovery is null ? "?" : s.InRecovery.Value ? "yes" : "no",
                s.ReplicationState ?? "-",
                s.ReplayLagBytes?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Lag(s.WriteLag, s),
                Lag(s.FlushLag, s),
                Lag(s.ReplayLag, s));
        }

        Render(output, table);
    }

    private static string Lag(TimeSpan? lag, NodeStatus status) =>
        lag is { } value ? Ms(value.TotalMilliseconds)
        : status.Role == NodeRole.Replica && status.ReplicationState == "streaming" ? "idle" : "-";

    private static string Ms(double milliseconds) => milliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    private static void Render(TextWriter output, Table table)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == Console.Out && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == Console.Out && !Console.IsOutputRedirected ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        });
        if (output != Console.Out || Console.IsOutputRedirected)
        {
            // Redirected output (CI logs, files) has no terminal width: do not wrap at 80 columns.
            console.Profile.Width = 200;
        }

        console.Write(table);
    }
}
