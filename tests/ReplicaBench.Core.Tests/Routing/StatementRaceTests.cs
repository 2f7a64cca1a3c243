using System.Diagnostics;
using Npgsql;
using ReplicaBench.Engine;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// A statement raced against its deadline: one that outlives it ends the user's wait at the deadline
/// with a timeout, while it finishes in the background, where its end is observed and what it held is
/// disposed; one that ends in time is its own result; a user at its cap of abandoned statements waits.
/// The statement is a task the test completes. Real time with wide margins: the deadline is 100 ms,
/// the waits allow seconds.
/// </summary>
public sealed class StatementRaceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_statement_that_outlives_the_deadline_ends_the_wait_then_and_is_disposed_when_it_ends()
    {
        await using var router = NewRouter();
        using var deadline = new OperationDeadline(Timeout);
        var races = new DeadlineRaces(router, deadline);
        var statement = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var commands = new Companion();
        await using var connection = new NpgsqlConnection();
        var started = Stopwatch.StartNew();

        deadline.Begin(CancellationToken.None);
        var wait = races.Run(new ValueTask<int>(statement.Task), Lease(connection), commands);
        await Assert.ThrowsAsync<TimeoutException>(async () => await wait);

        Assert.InRange(started.Elapsed, Timeout - TimeSpan.FromMilliseconds(20), Patience);
        Assert.True(deadline.HasExpired);
        Assert.True(races.TakeAbandoned());
        Assert.False(races.TakeAbandoned(), "taken once: the next statement gets a new race");
        Assert.Equal(1, races.AbandonedInFlight);
        Assert.Equal(1, router.Abandoned.InFlight);
        Assert.False(commands.Disposed, "the statement still runs on its commands");

        // It ends the way a statement Npgsql cancelled ends: with an exception, observed by the race.
        statement.SetException(new NpgsqlException("cancelled", new TimeoutException()));
        Assert.True(await router.Abandoned.WaitUntilNoneAsync(Timeout));
        Assert.True(commands.Disposed);
        Assert.Equal(0, races.AbandonedInFlight);
        Assert.Equal(1, router.Abandoned.Total);
        deadline.End();
    }

    [Fact]
    public async Task A_statement_that_ends_in_time_is_its_own_result_and_nothing_is_abandoned()
    {
        await using var router = NewRouter();
        using var deadline = new OperationDeadline(TimeSpan.FromSeconds(30));
        var races = new DeadlineRaces(router, deadline);
        var commands = new Companion();
        await using var connection = new NpgsqlConnection();

        for (var i = 0; i < 3; i++)
        {
            deadline.Begin(CancellationToken.None);
            var statement = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var wait = races.Run(new ValueTask<int>(statement.Task), Lease(connection), commands);
            statement.SetResult(42 + i);
            Assert.Equal(42 + i, await wait);
            deadline.End();
            Assert.False(races.TakeAbandoned());
        }

        var failing = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        deadline.Begin(CancellationToken.None);
        var failed = races.Run(new ValueTask<int>(failing.Task), Lease(connection), commands);
        failing.SetException(new IOException("connection reset"));
        await Assert.ThrowsAsync<IOException>(async () => await failed);
        deadline.End();

        Assert.False(races.TakeAbandoned());
        Assert.False(commands.Disposed, "the user's own commands stay the user's");
        Assert.Equal(0, router.Abandoned.Total);
    }

    [Fact]
    public async Task A_user_with_two_abandoned_statements_running_waits_for_its_next_one()
    {
        await using var router = NewRouter();
        using var deadline = new OperationDeadline(Timeout);
        var races = new DeadlineRaces(router, deadline);
        await using var connection = new NpgsqlConnection();
        var running = new List<TaskCompletionSource<int>>();
        for (var i = 0; i < DeadlineRaces.MaximumAbandonedPerUser; i++)
        {
            var statement = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            running.Add(statement);
            deadline.Begin(CancellationToken.None);
            await Assert.ThrowsAsync<TimeoutException>(async () => await races.Run(new ValueTask<int>(statement.Task), Lease(connection), null));
            deadline.End();
            Assert.True(races.TakeAbandoned());
        }

        var next = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        deadline.Begin(CancellationToken.None);
        var wait = races.Run(new ValueTask<int>(next.Task), Lease(connection), null);
        await Task.Delay(Timeout * 3, TestContext.Current.CancellationToken);
        next.SetResult(7);

        Assert.Equal(7, await wait);
        deadline.End();
        Assert.Equal(DeadlineRaces.MaximumAbandonedPerUser, races.AbandonedInFlight);
        running.ForEach(s => s.SetResult(0));
        Assert.True(await router.Abandoned.WaitUntilNoneAsync(Timeout));
    }

    private static Router NewRouter() =>
        new(TestTopologies.WithReplicas(1), RoutingPolicySpec.RoundRobin, new RouterOptions { OperationTimeout = Timeout, RecheckInterval = TimeSpan.FromHours(1) });

    private static RoutedLease Lease(NpgsqlConnection connection) => new(connection, RoutingDecision.Replica(1), OperationKind.Read, isPerOperation: false);

    private sealed class Companion : IAsyncDisposable
    {
        public bool Disposed { get; private set; }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
