using ReplicaBench.Engine.Recording;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine.Execution;

/// <summary>Everything the engine keeps for one virtual user: the user itself, its recorder, its wake-up signal, its cancellation.</summary>
internal sealed class VirtualUserSlot(int index, IVirtualUser user, VirtualUserRecorder recorder, RunClock clock, int seed) : IDisposable
{
    private long _inFlightLagMicroseconds = -1;
    private int _inFlightPhase;

    public int Index { get; } = index;

    public IVirtualUser User { get; } = user;

    public VirtualUserRecorder Recorder { get; } = recorder;

    public VirtualUserSignal Signal { get; } = new(clock);

    public ThreadPoolYield Yield { get; } = new();

    /// <summary>
    /// Cancels this user's operation in flight once the graceful stop has run out. One source per
    /// user rather than one per run: Npgsql registers on the token for every command, and a shared
    /// source makes every socket thread take the same lock and list (measured: about 4% of the client's
    /// CPU at 4 users on 2 cores went to that registration).
    /// </summary>
    public CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Think-time draws, seeded per user so runs are reproducible.</summary>
    public Random Random { get; } = new(seed);

    /// <summary>The user's loop; completes when it has left the run.</summary>
    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>Link in the open model's stack of idle users (written before the user is pushed).</summary>
    public VirtualUserSlot? NextIdle { get; set; }

    /// <summary>
    /// Open model: the arrival of the operation this user started last. An operation abandoned at
    /// the stop never records itself, yet its arrival started; the run counts it from here.
    /// </summary>
    public ArrivalStart InFlightArrival =>
        new((RunPhase)Volatile.Read(ref _inFlightPhase), Volatile.Read(ref _inFlightLagMicroseconds));

    /// <summary>Open model, before each operation: two release stores, no fence on the hot path.</summary>
    public void MarkInFlight(in ArrivalStart arrival)
    {
        Volatile.Write(ref _inFlightLagMicroseconds, arrival.ScheduleLagMicroseconds);
        Volatile.Write(ref _inFlightPhase, (int)arrival.DuePhase);
    }

    public void Dispose()
    {
        Signal.Dispose();
        Cancellation.Dispose();
    }
}
