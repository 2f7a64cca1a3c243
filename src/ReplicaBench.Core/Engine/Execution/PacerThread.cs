namespace ReplicaBench.Engine.Execution;

/// <summary>Runs the real-clock pacer on its own thread: it sleeps, so it must not hold a pool thread.</summary>
internal static class PacerThread
{
    public static Task Run(Func<Task> pacer)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            NativeSleep.TightenTimerSlack();
            try
            {
                // Every wait of the real-clock pacer completes synchronously, so this runs on this thread.
                pacer().GetAwaiter().GetResult();
                done.SetResult();
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "replicabench-pacer",
        };
        thread.Start();
        return done.Task;
    }
}
