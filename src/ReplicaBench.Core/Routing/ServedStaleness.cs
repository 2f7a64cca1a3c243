namespace ReplicaBench.Routing;

/// <summary>
/// How stale the replicas that served reads could have been when they served them (see
/// <see cref="ServedStalenessRecorder"/>): for all replicas together and per replica, in board order.
/// </summary>
public sealed record ServedStaleness(ServedStalenessFigures Total, IReadOnlyList<ServedStalenessFigures> Replicas);
