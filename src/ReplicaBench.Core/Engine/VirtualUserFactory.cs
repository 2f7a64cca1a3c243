namespace ReplicaBench.Engine;

/// <summary>Creates one virtual user with its own state (connections, prepared commands) before the run starts.</summary>
public delegate ValueTask<IVirtualUser> VirtualUserFactory(VirtualUserContext context, CancellationToken cancellationToken);
