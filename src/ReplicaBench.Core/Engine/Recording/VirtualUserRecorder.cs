using System.Runtime.InteropServices;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Engine.Telemetry;

namespace ReplicaBench.Engine.Recording;

/// <summary>
/// The recording end of one virtual user: lock-free, wait-free and allocation-free for the virtual
/// user, with the collector swapping the active <see cref="RecordingSlab"/> out once per interval.
/// </summary>
/// <remarks>
/// <para>
/// Protocol (a single-writer variant of HdrHistogram's WriterReaderPhaser, one full fence per
/// record instead of two). The writer is this virtual user alone — it runs one operation at a time
/// — and brackets each record with a sequence number: odd while writing, even when done.
/// </para>
/// <code>
/// writer:    seq ← seq+1 (Interlocked: full fence) ; slab ← active ; write slab ; seq ← seq+1 (release)
/// collector: old ← Exchange(active, spare) (full fence) ; s ← seq (acquire) ; if s is odd, wait until seq ≠ s
/// </code>
/// <para>
/// Both sides store, fence, then load the other side's variable (Dekker's pattern), so at least
/// one sees the other: either the writer loads the new slab, or the collector sees the odd
/// sequence of the record in progress and waits for its release store, which publishes every
/// write made into the old slab. After the wait no writer can still be inside the old slab, and
/// every later record goes to the new one. The writer never waits; the collector waits at most for
/// one record (tens of nanoseconds) per virtual user.
/// </para>
/// <para>
/// The hot fields sit in their own cache lines so that virtual users on different cores do not
/// slow each other down by writing neighbouring sequence numbers.
/// </para>
/// </remarks>
internal sealed class VirtualUserRecorder
{
    private HotState _hot;
    private RecordingSlab? _spare;

    public VirtualUserRecorder(BucketLayout layout, ErrorKindCatalog errorKinds, OperationTelemetry? telemetry = null)
    {
        _hot.Active = new RecordingSlab(layout, errorKinds, telemetry);
        _spare = new RecordingSlab(layout, errorKinds, telemetry);
    }

    /// <summary>Closed model: one completed operation.</summary>
    public void RecordCompleted(in LoadOutcome outcome, long latencyMicroseconds) =>
        RecordCompleted(outcome, latencyMicroseconds, ArrivalStart.None);

    /// <summary>One completed operation and, in the open model, the start of the arrival it served.</summary>
    public void RecordCompleted(in LoadOutcome outcome, long latencyMicroseconds, in ArrivalStart arrival)
    {
        var sequence = Enter();
        try
        {
            Volatile.Read(ref _hot.Active).RecordCompleted(outcome, latencyMicroseconds, arrival);
        }
        finally
        {
            Exit(sequence);
        }
    }

    public void RecordUnattributed(string errorKind, in ArrivalStart arrival)
    {
        var sequence = Enter();
        try
        {
            Volatile.Read(ref _hot.Active).RecordUnattributed(errorKind, arrival);
        }
        finally
        {
            Exit(sequence);
        }
    }

    public void RecordDropped(RunPhase duePhase)
    {
        var sequence = Enter();
        try
        {
            Volatile.Read(ref _hot.Active).RecordDropped(duePhase);
        }
        finally
        {
            Exit(sequence);
        }
    }

    /// <summary>
    /// Records an operation the stop cancelled: neither a success nor an error, and in no latency.
    /// A user's token is cancelled only once the graceful stop has run out, so however the
    /// operation then ends — the <see cref="OperationCanceledException"/> the contract asks for, a
    /// failure outcome the user made of it (a cancelled command, the connection the cancellation
    /// broke) or another exception — it ended because the run did, not because the system under
    /// test failed.
    /// </summary>
    public void RecordCancelledAtStop(in ArrivalStart arrival)
    {
        var sequence = Enter();
        try
        {
            Volatile.Read(ref _hot.Active).RecordCancelledAtStop(arrival);
        }
        finally
        {
            Exit(sequence);
        }
    }

    /// <summary>Collector, step 1: makes the spare slab active and returns the one that was.</summary>
    public RecordingSlab SwapOut()
    {
        var spare = _spare ?? throw new InvalidOperationException("the previous slab was not returned");
        _spare = null;
        return Interlocked.Exchange(ref _hot.Active, spare);
    }

    /// <summary>Collector, step 2: waits until no record is still writing into the swapped-out slab.</summary>
    public void WaitForWriter()
    {
        var sequence = Volatile.Read(ref _hot.Sequence);
        if ((sequence & 1) == 0)
        {
            return;
        }

        var spin = default(SpinWait);
        while (Volatile.Read(ref _hot.Sequence) == sequence)
        {
            spin.SpinOnce();
        }
    }

    /// <summary>Collector, step 3: hands the emptied slab back as the next spare.</summary>
    public void ReturnSpare(RecordingSlab slab) => _spare = slab;

    private long Enter()
    {
        var sequence = _hot.Sequence;
        Interlocked.Exchange(ref _hot.Sequence, sequence + 1);
        return sequence;
    }

    /// <summary>Called from <c>finally</c>: even if recording failed, the collector must never wait on an odd sequence.</summary>
    private void Exit(long sequence) => Volatile.Write(ref _hot.Sequence, sequence + 2);

    /// <summary>The writer's fields, padded by a cache line (128 bytes, for adjacent-line prefetch) on each side.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 272)]
    private struct HotState
    {
        [FieldOffset(128)]
        public long Sequence;

        [FieldOffset(136)]
        public RecordingSlab Active;
    }
}
