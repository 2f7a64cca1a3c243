using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

public sealed class ClosedModelTests
{
    [Fact]
    public async Task Each_virtual_user_pauses_its_think_time_between_operations()
    {
        var clock = FakeClockRun.NewClock();
        var starts = new List<(int User, TimeSpan At)>();
        var origin = clock.GetUtcNow();
        var scenario = FakeClockRun.Scenario("think", context =>
        {
            var op = context.Operation("think");
            return new ScriptedUser(_ =>
            {
                starts.Add((context.Index, clock.GetUtcNow() - origin));
                return ValueTask.FromResult(LoadOutcome.Success(op));
            });
        })
        .WithLoad(LoadShape.Closed(2, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))))
        .WithDuration(TimeSpan.FromMilliseconds(950));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        // Operations at 0, 100, ..., 900 ms for each user: 10 each.
        Assert.Equal(20, result.Total.Completed);
        foreach (var user in new[] { 0, 1 })
        {
            Assert.Equal(
                Enumerable.Range(0, 10).Select(k => TimeSpan.FromMilliseconds(100 * k)),
                starts.Where(s => s.User == user).Select(s => s.At));
        }

        Assert.Equal([10L, 10L], result.VirtualUsers.Operations);
        Assert.Equal(1.0, result.VirtualUsers.MaxToMin);
    }

    [Fact]
    public async Task Latency_is_the_operation_time_and_throughput_follows_from_it()
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario("slow", context =>
        {
            var op = context.Operation("slow");
            return new ScriptedUser(ct => FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(20), LoadOutcome.Success(op), ct));
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(80))))
        .WithDuration(TimeSpan.FromSeconds(2));

        var result = await FakeClockRun.RunAsync(scenario, clock);

        Assert.Equal(20, result.Total.Succeeded);
        Assert.Equal(10.0, result.Total.Throughput, 6);
        Assert.Equal(Reported.Milliseconds(20), result.Total.Latency.P50);
        Assert.Equal(Reported.Milliseconds(20), result.Total.Latency.Max);
        Assert.Equal(TimeSpan.FromSeconds(2), result.MeasuredDuration);
        Assert.Equal(RunStopReason.Completed, result.StopReason);
        Assert.False(result.IsPartial);
    }

    [Fact]
    public async Task Uniform_think_time_stays_within_its_range()
    {
        var clock = FakeClockRun.NewClock();
        var origin = clock.GetUtcNow();
        var starts = new List<TimeSpan>();
        var scenario = FakeClockRun.Scenario("uniform", context =>
        {
            var op = context.Operation("uniform");
            return new ScriptedUser(_ =>
            {
                starts.Add(clock.GetUtcNow() - origin);
                return ValueTask.FromResult(LoadOutcome.Success(op));
            });
        })
        .WithLoad(LoadShape.Closed(1, ThinkTime.Uniform(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30))))
        .WithDuration(TimeSpan.FromSeconds(2));

        await FakeClockRun.RunAsync(scenario, clock);

        var gaps = starts.Zip(starts.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, g => Assert.InRange(g, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30)));
        Assert.True(gaps.Distinct().Count() > 5, "a uniform pause should vary");
    }
}
