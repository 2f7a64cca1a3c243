using System.Numerics;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// Hands open-model arrivals to free virtual users without locks: an arrival that comes due is
/// given to an idle user at once, or waits in a bounded backlog until a user frees up.
/// </summary>
/// <remarks>
/// <para>One producer (the pacer) and many consumers (the virtual users) share one counter,
/// <c>balance</c> = arrivals waiting − users idle, which is never both positive and negative:</para>
/// <list type="bullet">
/// <item>Pacer, per arrival: write its due time into the next ring slot, then increment balance.
/// A result &gt; 0 means no user was idle: the slot is published to the backlog. Otherwise some
/// user is idle (or about to push itself onto the idle stack): pop one and wake it with the due time.</item>
/// <item>User, when free: decrement balance. A result ≥ 0 means an arrival is waiting for it:
/// claim the next backlog slot (it is late). Otherwise arm its signal, push itself onto the idle
/// stack and wait.</item>
/// </list>
/// <para>All shared updates are interlocked (sequentially consistent), so a claimed slot was
/// written before the increment that counted it. The idle stack is a Treiber stack with a single
/// popper (the pacer), which makes it immune to ABA. The pacer refuses an arrival (backlog full,
/// counted as dropped) before the ring could wrap onto a slot a user has claimed but not yet read.</para>
/// <para>Stopping: the pacer sets <c>stopping</c> and wakes every idle user with
/// <see cref="VirtualUserSignal.Stop"/>; a user that pushed itself after that sweep sees the flag
/// (both sides write with a full fence, then read the other's flag) and stops itself.</para>
/// </remarks>
internal sealed class ArrivalDispatcher
{
    private readonly long[] _ring;
    private readonly long _mask;
    private readonly long _backlogLimit;
    private long _balance;
    private long _head;
    private long _tail;
    private VirtualUserSlot? _idle;
    private int _stopping;

    public ArrivalDispatcher(int virtualUsers, long backlog)
    {
        // Slots in use never exceed the backlog plus two per user (reserved-unclaimed and claimed-unread).
        var capacity = (long)BitOperations.RoundUpToPowerOf2((ulong)(backlog + (2 * virtualUsers) + 1));
        _ring = new long[capacity];
        _mask = capacity - 1;
        _backlogLimit = capacity - (2 * virtualUsers) - 1;
    }

    /// <summary>How many arrivals may wait for a free user before new ones are dropped.</summary>
    public long BacklogLimit => _backlogLimit;

    /// <summary>
    /// The backlog for a shape: the arrivals of the max lateness plus a second at the peak rate
    /// (arrivals older than the max lateness are dropped when claimed anyway), within 1 Ki..1 Mi.
    /// </summary>
    public static long BacklogFor(OpenLoad shape)
    {
        var seconds = shape.NeverDrops ? double.PositiveInfinity : shape.MaxLateness.TotalSeconds + 1;
        var arrivals = Math.Ceiling(shape.Rate.PeakRate * seconds);
        return (long)Math.Clamp(double.IsFinite(arrivals) ? arrivals : double.MaxValue, 1024, 1 << 20);
    }

    public bool IsStopping => Volatile.Read(ref _stopping) != 0;

    /// <summary>Pacer: an arrival came due. False when the backlog is full (the arrival is dropped).</summary>
    public bool Release(long dueTimestamp)
    {
        if (Volatile.Read(ref _balance) >= _backlogLimit)
        {
            return false;
        }

        _ring[_tail & _mask] = dueTimestamp;
        if (Interlocked.Increment(ref _balance) > 0)
        {
            _tail++;
            return true;
        }

        // Only stopping can make a wake fail, and then the arrival is simply not started.
        PopIdleWaiting().Signal.TryComplete(dueTimestamp);
        return true;
    }

    /// <summary>User: asks for the next arrival. With <see cref="ArrivalTake.Wait"/>, await the user's signal.</summary>
    public ArrivalTake TakeNext(VirtualUserSlot user, out long dueTimestamp)
    {
        dueTimestamp = 0;
        if (IsStopping)
        {
            return ArrivalTake.Stop;
        }

        if (Interlocked.Decrement(ref _balance) >= 0)
        {
            var slot = Interlocked.Increment(ref _head) - 1;
            dueTimestamp = _ring[slot & _mask];

            // A stop between the check above and the claim: leave the arrival unstarted.
            return IsStopping ? ArrivalTake.Stop : ArrivalTake.Queued;
        }

        user.Signal.Arm();
        PushIdle(user);
        if (IsStopping)
        {
            user.Signal.TryComplete(VirtualUserSignal.Stop);
        }

        return ArrivalTake.Wait;
    }

    /// <summary>Pacer, at the end: no more arrivals; wakes every idle user to leave.</summary>
    public void Stop()
    {
        Interlocked.Exchange(ref _stopping, 1);
        while (TryPopIdle(out var user))
        {
            user.Signal.TryComplete(VirtualUserSignal.Stop);
        }
    }

    private void PushIdle(VirtualUserSlot user)
    {
        while (true)
        {
            var head = Volatile.Read(ref _idle);
            user.NextIdle = head;
            if (Interlocked.CompareExchange(ref _idle, user, head) == head)
            {
                return;
            }
        }
    }

    private bool TryPopIdle(out VirtualUserSlot user)
    {
        while (true)
        {
            var head = Volatile.Read(ref _idle);
            if (head is null)
            {
                user = null!;
                return false;
            }

            if (Interlocked.CompareExchange(ref _idle, head.NextIdle, head) == head)
            {
                user = head;
                return true;
            }
        }
    }

    /// <summary>
    /// A negative balance promised an idle user; it may be between its decrement and its push for
    /// a few instructions, so wait for it to appear.
    /// </summary>
    private VirtualUserSlot PopIdleWaiting()
    {
        var spin = default(SpinWait);
        VirtualUserSlot user;
        while (!TryPopIdle(out user))
        {
            spin.SpinOnce();
        }

        return user;
    }
}
