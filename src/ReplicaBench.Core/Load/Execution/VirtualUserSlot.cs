using ReplicaBench.Load.Recording;

namespace ReplicaBench.Load.Execution;

/// <summary>Everything the engine keeps for one virtual user: the user itself, its recorder, its wake-up signal.</summary>
internal sealed class VirtualUserSlot(int index, IVirtualUser user, VirtualUserRecorder recorder, RunClock clock, int seed) : IDisposable
{
    public int Index { get; } = index;

    public IVirtualUser User { get; } = user;

    public VirtualUserRecorder Recorder { get; } = recorder;

    public VirtualUserSignal Signal { get; } = new(clock);

    public ThreadPoolYield Yield { get; } = new();

    /// <summary>Think-time draws, seeded per user so runs are reproducible.</summary>
    public Random Random { get; } = new(seed);

    /// <summary>The user's loop; completes when it has left the run.</summary>
    public Task Loop { get; set; } = Task.CompletedTask;

    /// <summary>Link in the open model's stack of idle users (written before the user is pushed).</summary>
    public VirtualUserSlot? NextIdle { get; set; }

    public void Dispose() => Signal.Dispose();
}
