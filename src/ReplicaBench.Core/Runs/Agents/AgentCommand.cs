namespace ReplicaBench.Runs.Agents;

/// <summary>
/// How to start <c>replicabench</c> again for an agent: the program and what comes before the
/// command's own arguments (the CLI's assembly when the program is the <c>dotnet</c> host).
/// </summary>
public sealed record AgentCommand(string Program, IReadOnlyList<string> Prefix);
