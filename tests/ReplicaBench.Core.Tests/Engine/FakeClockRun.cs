using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// Runs a scenario on a fake clock, advancing it in 1 ms steps. Every timer of the engine is the
/// fake clock's and every continuation runs inline where the timer fires, so after each step the
/// run has done exactly what it would have done by then: no sleeping, no races.
/// </summary>
internal static class FakeClockRun
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(1);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Task<LoadRunResult> RunAsync(LoadScenario scenario, FakeTimeProvider clock, LoadRunOptions? options = null) =>
        RunAsync(scenario, clock, options, stopAfter: null);

    /// <summary>Runs until the result is ready, cancelling the run once <paramref name="stopAfter"/> has passed.</summary>
    public static async Task<LoadRunResult> RunAsync(LoadScenario scenario, FakeTimeProvider clock, LoadRunOptions? options, TimeSpan? stopAfter)
    {
        using var cancellation = new CancellationTokenSource();
        var run = LoadRunner.RunAsync(scenario, (options ?? new LoadRunOptions()) with { TimeProvider = clock }, cancellation.Token);
        var elapsed = TimeSpan.Zero;
        var limit = TimeSpan.FromHours(2);
        while (!run.IsCompleted && elapsed < limit)
        {
            if (stopAfter is { } stop && elapsed >= stop && !cancellation.IsCancellationRequested)
            {
                cancellation.Cancel();
                continue;
            }

            clock.Advance(Step);
            elapsed += Step;
        }

        Assert.True(run.IsCompleted, "the run did not finish within two hours of fake time");
        return await run;
    }

    /// <summary>
    /// An operation that takes <paramref name="duration"/> of the fake clock and honours
    /// cancellation. Built on a timer and a registration rather than Task.Delay, whose continuation
    /// after a cancellation is queued to the thread pool: here everything resumes inline.
    /// </summary>
    public static async ValueTask<LoadOutcome> Takes(TimeProvider clock, TimeSpan duration, LoadOutcome outcome, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource();
        using (clock.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), done, duration, Timeout.InfiniteTimeSpan))
        using (cancellationToken.UnsafeRegister(static s => ((TaskCompletionSource)s!).TrySetCanceled(), done))
        {
            await done.Task.ConfigureAwait(false);
        }

        return outcome;
    }

    public static LoadScenario Scenario(string name, Func<VirtualUserContext, ScriptedUser> create) =>
        LoadScenario.Create(name, (context, _) => ValueTask.FromResult<IVirtualUser>(create(context)));
}
