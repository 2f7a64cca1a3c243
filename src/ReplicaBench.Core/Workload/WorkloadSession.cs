using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ReplicaBench.Workload;

/// <summary>
/// One virtual user's workload: picks the next operation from the mix and a key, runs it on the
/// connection the router chose, and checks every row a read returns against the run's
/// <see cref="AcknowledgedVersions"/> and this session's own writes. Owned by one virtual user;
/// not thread-safe by design.
/// </summary>
/// <remarks>
/// <para>Usage per iteration: <c>var next = session.Next();</c> → the router picks a node from
/// <c>next.Kind</c> → <c>var outcome = await session.ExecuteAsync(next, commandsForThatNode, ct);</c>
/// (or <see cref="SendAsync"/>, then <see cref="Check"/>, to race the statement against a deadline)
/// → for a write, give <c>outcome.CommitLsn</c> to the routing session
/// (<c>RoutingSession.RecordWrite</c>), so read-your-writes routing knows about it.</para>
/// <para>Follow-up reads: after a write, the session's next read goes to the key it just wrote with
/// probability <see cref="FollowUpReadPercent"/> — the "save, then view what you saved" step of
/// every web application, and exactly where a replica read breaks read-your-writes. Without it a
/// session would almost never read its own writes under uniform keys and the violation count would
/// say nothing. Set it to 0 for purely random keys (the <c>point-read</c> mix has no writes, so it
/// is unaffected either way).</para>
/// <para>Staleness timing: the read's start is a <see cref="Stopwatch"/> timestamp taken just before
/// the query is sent; a write's acknowledgement is taken once its whole reply is in. Both err towards
/// calling a read fresh.</para>
/// </remarks>
public sealed class WorkloadSession
{
    /// <summary>Follow-up reads per 100 writes unless told otherwise.</summary>
    public const int DefaultFollowUpReadPercent = 50;

    private readonly WorkloadMix _mix;
    private readonly KeyChooser _keys;
    private readonly InsertKeyRange? _insertKeys;
    private readonly AcknowledgedVersions _acknowledged;
    private readonly Random _random;
    private long _followUpKey;

    /// <param name="id">The session's number (for results); the caller's choice.</param>
    /// <param name="mix">How often each operation runs.</param>
    /// <param name="keys">Which seeded keys reads and updates touch.</param>
    /// <param name="insertKeys">This session's own insert keys (<see cref="InsertKeyRange.ReserveAsync"/>); null for a mix without inserts, which must not write even the reservation.</param>
    /// <param name="acknowledged">The run's shared record of acknowledged versions.</param>
    /// <param name="random">This session's random source (seed it for a repeatable sequence).</param>
    /// <param name="followUpReadPercent">Chance, 0–100, that the read after a write reads the written key.</param>
    /// <param name="rememberedWrites">How many of its own writes the session remembers for read-your-writes checks.</param>
    public WorkloadSession(
        int id,
        WorkloadMix mix,
        KeyChooser keys,
        InsertKeyRange? insertKeys,
        AcknowledgedVersions acknowledged,
        Random random,
        int followUpReadPercent = DefaultFollowUpReadPercent,
        int rememberedWrites = ReadYourWritesTracker.DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(followUpReadPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(followUpReadPercent, 100);
        (Id, _mix, _keys, _insertKeys) = (id, mix, keys, insertKeys);
        (_acknowledged, _random, FollowUpReadPercent) = (acknowledged, random, followUpReadPercent);
        ReadYourWrites = new ReadYourWritesTracker(rememberedWrites);
    }

    public int Id { get; }

    public int FollowUpReadPercent { get; }

    /// <summary>This session's read-your-writes counters.</summary>
    public ReadYourWritesTracker ReadYourWrites { get; }

    /// <summary>Reads this session ran.</summary>
    public long Reads { get; private set; }

    /// <summary>Reads that returned at least one stale row.</summary>
    public long StaleReads { get; private set; }

    /// <summary>Writes this session had acknowledged.</summary>
    public long Writes { get; private set; }

    /// <summary>Chooses the next operation and its key (consumes an insert key for an insert).</summary>
    public PlannedOperation Next()
    {
        var operation = _mix.Pick(_random);
        switch (operation)
        {
            case WorkloadOperation.PointRead:
                return new PlannedOperation(operation, TakeFollowUpKey() ?? _keys.NextKey(_random));
            case WorkloadOperation.RangeRead:
                return new PlannedOperation(operation, TakeFollowUpKey() ?? _keys.NextRangeStart(_random, WorkloadCommands.RangeLength));
            case WorkloadOperation.Insert:
                return new PlannedOperation(operation, (_insertKeys ?? throw new InvalidOperationException("an insert was drawn from a mix without inserts")).NextKey());
            default:
                return new PlannedOperation(operation, _keys.NextKey(_random));
        }
    }

    /// <summary>Runs a planned operation on <paramref name="commands"/> (bound to the chosen node) and checks what it read.</summary>
    public async ValueTask<OperationOutcome> ExecuteAsync(PlannedOperation planned, WorkloadCommands commands, CancellationToken cancellationToken) =>
        Check(planned, await SendAsync(planned, commands, cancellationToken));

    /// <summary>
    /// Sends a planned operation to the node of <paramref name="commands"/> and returns its answer,
    /// changing nothing of this session's: an answer that comes after the operation was given up on
    /// (its deadline) is dropped without touching the session, which has moved on. Give the answer to
    /// <see cref="Check"/>.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<OperationReply> SendAsync(PlannedOperation planned, WorkloadCommands commands, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var key = planned.Key;
        switch (planned.Operation)
        {
            case WorkloadOperation.PointRead:
                {
                    var started = Stopwatch.GetTimestamp();
                    return new OperationReply(started, await commands.PointReadAsync(key, cancellationToken), default, default);
                }

            case WorkloadOperation.RangeRead:
                {
                    var started = Stopwatch.GetTimestamp();
                    return new OperationReply(started, default, await commands.RangeReadAsync(key, cancellationToken), default);
                }

            case WorkloadOperation.Insert:
                return new OperationReply(0, default, default, await commands.InsertAsync(key, cancellationToken));

            default:
                return new OperationReply(0, default, default, await commands.UpdateAsync(key, cancellationToken));
        }
    }

    /// <summary>
    /// Checks what a read saw against the acknowledged versions and this session's own writes, or
    /// records a write as acknowledged (read-your-writes, follow-up reads), and counts it.
    /// </summary>
    public OperationOutcome Check(PlannedOperation planned, in OperationReply reply)
    {
        var key = planned.Key;
        switch (planned.Operation)
        {
            case WorkloadOperation.PointRead:
                {
                    var read = reply.Point;
                    var freshness = _acknowledged.Check(key, read.Version, reply.Started);
                    var own = ReadYourWrites.CheckRead(key, read.Version);
                    CountRead(freshness.IsStale);
                    return new OperationOutcome(
                        planned.Operation,
                        key,
                        read.Found ? 1 : 0,
                        freshness.IsStale ? 1 : 0,
                        freshness.AgeTicks,
                        own != ReadYourWritesCheck.NotOwnWrite,
                        own == ReadYourWritesCheck.Violated,
                        0);
                }

            case WorkloadOperation.RangeRead:
                {
                    var read = reply.Range;
                    var (staleRows, maxAge, ownRows, violation) = CheckRange(key, read, reply.Started);
                    CountRead(staleRows > 0);
                    return new OperationOutcome(planned.Operation, key, read.Count, staleRows, maxAge, ownRows, violation, 0);
                }

            default:
                return Written(planned.Operation, reply.Write);
        }
    }

    /// <summary>
    /// Checks every row returned, and the start key itself when it is missing: ranges always start
    /// at a key that exists (a seeded key or this session's own insert), so a missing start row is a
    /// row seen at version 0 — typically an insert the node has not replayed yet.
    /// </summary>
    private (int StaleRows, long MaxAgeTicks, bool OwnRows, bool Violation) CheckRange(long start, RangeReadResult read, long started)
    {
        var keys = read.Keys.Span;
        var versions = read.Versions.Span;
        var staleRows = 0;
        var maxAge = 0L;
        var ownRows = false;
        var violation = false;
        if (read.Count == 0 || keys[0] != start)
        {
            CheckRow(start, 0);
        }

        for (var i = 0; i < read.Count; i++)
        {
            CheckRow(keys[i], versions[i]);
        }

        return (staleRows, maxAge, ownRows, violation);

        void CheckRow(long key, long version)
        {
            var freshness = _acknowledged.Check(key, version, started);
            if (freshness.IsStale)
            {
                staleRows++;
                maxAge = Math.Max(maxAge, freshness.AgeTicks);
            }

            var own = ReadYourWrites.CheckRead(key, version);
            ownRows |= own != ReadYourWritesCheck.NotOwnWrite;
            violation |= own == ReadYourWritesCheck.Violated;
        }
    }

    private OperationOutcome Written(WorkloadOperation operation, WriteResult write)
    {
        _acknowledged.Record(write);
        ReadYourWrites.RecordWrite(write);
        if (write.Applied)
        {
            Writes++;
            if (FollowUpReadPercent > 0 && _random.Next(100) < FollowUpReadPercent)
            {
                _followUpKey = write.Key;
            }
        }

        return new OperationOutcome(operation, write.Key, write.Applied ? 1 : 0, 0, 0, false, false, write.CommitLsn);
    }

    private long? TakeFollowUpKey()
    {
        if (_followUpKey == 0)
        {
            return null;
        }

        var key = _followUpKey;
        _followUpKey = 0;
        return key;
    }

    private void CountRead(bool stale)
    {
        Reads++;
        if (stale)
        {
            StaleReads++;
        }
    }
}
