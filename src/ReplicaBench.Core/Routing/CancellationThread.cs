namespace ReplicaBench.Routing;

/// <summary>
/// Cancels a token source on a thread of its own. Npgsql 10 cancels a statement from inside the
/// token's callback by sending a cancel request synchronously, which on a frozen server blocks for
/// up to twice the connect timeout (see <see cref="RouterOptions.OperationTimeout"/>). On the timer
/// thread that would hold up every timer of the process; on the thread pool, a few of them at once
/// starve a 2-core machine's pool (measured: the engine's one-second intervals came 0.7 s late and
/// deadlines fired seconds late). Only operations that outlived their deadline get here, so a
/// short-lived thread each costs nothing that matters.
/// </summary>
internal static class CancellationThread
{
    public static void Cancel(CancellationTokenSource source)
    {
        var thread = new Thread(static state => CancelQuietly((CancellationTokenSource)state!))
        {
            IsBackground = true,
            Name = "replicabench-cancel",
        };
        thread.Start(source);
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The operation ended, and its owner disposed the source, before this thread got to it.
        }
    }
}
