using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Topology;

namespace ReplicaBench.Tests.Engine;

/// <summary>Operations the stop cancels are neither successes nor errors, however they end.</summary>
public sealed class CancelledAtStopTests
{
    public static TheoryData<string> LoadModels => ["closed", "open"];

    [Theory]
    [MemberData(nameof(LoadModels))]
    public async Task Operations_that_end_only_because_the_stop_cancelled_them_are_not_errors_while_a_genuine_failure_still_is(string model)
    {
        // Operation 2 fails for real. Operations 5, 6 and 7 block (each takes a user for good) until
        // the stop cancels them, and end the three ways a user can: the OperationCanceledException the
        // contract asks for, a failure outcome made of it (what the database user did with Npgsql's
        // cancellation), and another exception (the broken connection a cancel can leave).
        var clock = FakeClockRun.NewClock();
        var started = 0;
        var succeeded = 0;
        var scenario = FakeClockRun.Scenario("stop", context =>
        {
            var read = context.Operation("read");
            var replica = context.Node("replica1");
            return new ScriptedUser(async ct =>
            {
                var number = Interlocked.Increment(ref started);
                if (number == 2)
                {
                    return LoadOutcome.Failure(read, replica, "timeout");
                }

                if (number is >= 5 and <= 7)
                {
                    try
                    {
                        await FakeClockRun.Takes(clock, TimeSpan.FromHours(1), LoadOutcome.Success(read, replica), ct);
                    }
                    catch (OperationCanceledException) when (number == 6)
                    {
                        return LoadOutcome.Failure(read, replica, "canceled");
                    }
                    catch (OperationCanceledException ex) when (number == 7)
                    {
                        throw new IOException("connection broken by the cancel", ex);
                    }
                }

                Interlocked.Increment(ref succeeded);
                return LoadOutcome.Success(read, replica);
            });
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
        .WithLoad(model == "closed"
            ? LoadShape.Closed(4, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100)))
            : LoadShape.Open(RateProfile.Constant(10), virtualUsers: 4))
        .WithDuration(TimeSpan.FromMilliseconds(950))
        .WithGracefulStop(TimeSpan.FromMilliseconds(100));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.True(started > 7, $"only {started} operations started; the run must outlast the blocked ones");
        Assert.Equal(3, result.CancelledAtStop);
        Assert.Equal(0, result.AbandonedOperations);
        Assert.Equal(1, result.Total.Failed);
        Assert.Equal(new Dictionary<string, long> { ["timeout"] = 1 }, result.Total.ErrorsByKind);
        Assert.Equal(succeeded, result.Total.Succeeded);
        Assert.Equal(succeeded + 1, result.Total.Completed);
        Assert.Equal(1, result.TimeSeries.Sum(p => p.Failed));
        Assert.Equal(succeeded + 1, result.Nodes.Single(n => n.Name == "replica1").Reads);
    }
}
