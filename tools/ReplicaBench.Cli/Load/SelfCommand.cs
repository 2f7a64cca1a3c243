using System.Reflection;
using ReplicaBench.Runs.Agents;

namespace ReplicaBench.Cli.Load;

/// <summary>How this very program is started again, for <c>load --agents N</c>'s child processes.</summary>
internal static class SelfCommand
{
    /// <summary>
    /// The apphost (<c>replicabench</c>) when that is what runs, or the <c>dotnet</c> host with this
    /// assembly (<c>dotnet replicabench.dll</c>, <c>dotnet run</c>, the tests).
    /// </summary>
    public static AgentCommand Current()
    {
        var program = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running program is unknown, so no agent can be started.");
        var assembly = Assembly.GetExecutingAssembly().Location;
        return Path.GetFileNameWithoutExtension(program) == "dotnet"
            ? new AgentCommand(program, [assembly])
            : new AgentCommand(program, []);
    }
}
