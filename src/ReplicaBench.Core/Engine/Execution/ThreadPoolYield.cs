using System.Runtime.CompilerServices;

namespace ReplicaBench.Engine.Execution;

/// <summary>
/// An allocation-free "yield to the back of the thread pool's global queue" for one virtual user.
/// </summary>
/// <remarks>
/// <c>await Task.Yield()</c> on a pool thread goes to that thread's local queue, which the thread
/// pops last-in-first-out — the yielding virtual user would run again at once and starve the
/// others queued behind it. Queuing to the global (FIFO) queue lets every virtual user take turns.
/// Used only when operations keep completing synchronously (e.g. a no-op), so that one virtual
/// user cannot monopolise a thread; real database operations yield at their I/O.
/// </remarks>
internal sealed class ThreadPoolYield : IThreadPoolWorkItem, ICriticalNotifyCompletion
{
    private Action? _continuation;

    public bool IsCompleted => false;

    public ThreadPoolYield GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation)
    {
        _continuation = continuation;
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var continuation = _continuation!;
        _continuation = null;
        continuation();
    }
}
