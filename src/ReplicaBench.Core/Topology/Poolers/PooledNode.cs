namespace ReplicaBench.Topology.Poolers;

/// <summary>One node behind a pooler the suite started: the pooler process and the server it fronts.</summary>
/// <param name="PoolerPort">The pooler's port on 127.0.0.1 (also the node's recorded port).</param>
/// <param name="ServerPort">The server's own port, reached directly.</param>
/// <param name="ServerConnectionString">Npgsql connection string straight to the server (password included, like the node's: topology.json is mode 0600).</param>
/// <param name="Pid">The pooler's process id, to stop it and prove on <c>down</c> that it is gone.</param>
public sealed record PooledNode(int PoolerPort, int ServerPort, string ServerConnectionString, int Pid);
