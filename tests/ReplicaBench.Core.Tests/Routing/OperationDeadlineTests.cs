using System.Diagnostics;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// The per-operation deadline: it fires on its own after the timeout (counted as a timeout), the run's
/// stop is not a timeout, and an operation that ends in time leaves it ready for the next one.
/// Real time with wide margins: the deadline is 100 ms, the waits allow seconds.
/// </summary>
public sealed class OperationDeadlineTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task An_operation_that_outlives_the_timeout_is_cancelled_and_explained_as_a_timeout()
    {
        using var deadline = new OperationDeadline(Timeout);
        var started = Stopwatch.StartNew();

        var token = deadline.Begin(CancellationToken.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.Delay(TimeSpan.FromSeconds(30), token));

        Assert.InRange(started.Elapsed, Timeout - TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10));
        Assert.True(deadline.HasExpired);
        var explained = deadline.Explain(new OperationCanceledException());
        Assert.IsType<TimeoutException>(explained);
        Assert.Contains("0.1 s (--op-timeout)", explained.Message, StringComparison.Ordinal);
        Assert.Equal(OperationFailureKind.Timeout, OperationFailureClassifier.KindOf(explained));
    }

    [Fact]
    public async Task The_runs_stop_is_a_cancellation_not_a_timeout()
    {
        using var run = new CancellationTokenSource();
        using var deadline = new OperationDeadline(TimeSpan.FromSeconds(30));

        var token = deadline.Begin(run.Token);
        await run.CancelAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.False(deadline.HasExpired);
        var cancelled = new OperationCanceledException();
        Assert.Same(cancelled, deadline.Explain(cancelled));
    }

    [Fact]
    public async Task An_operation_that_ends_in_time_disarms_the_deadline_and_the_next_one_reuses_it()
    {
        using var deadline = new OperationDeadline(Timeout);

        var first = deadline.Begin(CancellationToken.None);
        deadline.End();
        await Task.Delay(Timeout * 3, TestContext.Current.CancellationToken);
        var second = deadline.Begin(CancellationToken.None);

        Assert.False(first.IsCancellationRequested, "a disarmed deadline must not fire");
        Assert.Equal(first, second);
        deadline.End();
    }

    [Fact]
    public void Without_a_timeout_the_operation_runs_with_the_runs_own_token()
    {
        using var run = new CancellationTokenSource();
        using var deadline = new OperationDeadline(null);

        Assert.Equal(run.Token, deadline.Begin(run.Token));
        Assert.False(deadline.HasExpired);
    }
}
