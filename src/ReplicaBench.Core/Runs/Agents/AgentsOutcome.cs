using ReplicaBench.Results;

namespace ReplicaBench.Runs.Agents;

/// <summary>
/// The end of <c>load --agents N</c>: each agent's exit code and, when every agent finished its
/// matrix, the merged run.
/// </summary>
/// <param name="Plan">What ran, and where its folders and logs are.</param>
/// <param name="ExitCodes">Each agent's exit code, agent 1 first.</param>
/// <param name="Merged">The merged results written to the run folder; null when not every agent completed.</param>
/// <param name="Interrupted">True when the run was stopped (Ctrl+C, SIGTERM) before the agents finished.</param>
public sealed record AgentsOutcome(AgentPlan Plan, IReadOnlyList<int> ExitCodes, RunResults? Merged, bool Interrupted);
