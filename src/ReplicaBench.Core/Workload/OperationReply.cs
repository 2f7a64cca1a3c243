namespace ReplicaBench.Workload;

/// <summary>
/// What the node answered to one planned operation, before anything is checked or recorded
/// (<see cref="WorkloadSession.SendAsync"/>; <see cref="WorkloadSession.Check"/> then checks it).
/// Only the field of the operation's own kind is set.
/// </summary>
/// <param name="Started">For a read, the <see cref="System.Diagnostics.Stopwatch"/> timestamp taken just before the query was sent.</param>
/// <param name="Point">A point read's row.</param>
/// <param name="Range">A range read's rows (views into the commands' buffer: check them before the next range read).</param>
/// <param name="Write">An insert's or update's acknowledgement.</param>
public readonly record struct OperationReply(long Started, PointReadResult Point, RangeReadResult Range, WriteResult Write);
