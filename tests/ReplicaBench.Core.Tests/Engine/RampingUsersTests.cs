using ReplicaBench.Engine;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// k6-style ramping VUs, by known answer on a fake clock: 0 users ramped to 4 over 1 s, then held
/// for 1 s, each operation taking 10 ms. User i is let in when the line 4t reaches i + 1 (at
/// 0.25, 0.5, 0.75 and 1 s), so over 2 s users 0..3 run 175, 150, 125 and 100 operations.
/// </summary>
public sealed class RampingUsersTests
{
    [Theory]
    [InlineData(-1.0, 0)]
    [InlineData(0.0, 0)]
    [InlineData(0.24, 0)]
    [InlineData(0.25, 1)]
    [InlineData(0.5, 2)]
    [InlineData(0.99, 3)]
    [InlineData(1.0, 4)]
    [InlineData(1.5, 4)]
    [InlineData(2.5, 2)]
    [InlineData(3.0, 0)]
    [InlineData(9.0, 0)]
    public void The_active_users_follow_each_stages_line_rounded_down(double seconds, int expected)
    {
        var ramp = LoadShape.Ramping(0, [new(TimeSpan.FromSeconds(1), 4), new(TimeSpan.FromSeconds(1), 4), new(TimeSpan.FromSeconds(1), 0)]);

        Assert.Equal(expected, ramp.ActiveAt(TimeSpan.FromSeconds(seconds)));
        Assert.Equal(4, ramp.VirtualUsers);
    }

    [Fact]
    public async Task Each_user_runs_from_when_the_ramp_lets_it_in()
    {
        var clock = FakeClockRun.NewClock();
        var operations = new int[4];
        var scenario = FakeClockRun.Scenario("ramp", context =>
        {
            var read = context.Operation("read");
            var index = context.Index;
            return new ScriptedUser(async token =>
            {
                var outcome = await FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(10), LoadOutcome.Success(read), token);
                Interlocked.Increment(ref operations[index]);
                return outcome;
            });
        })
            .WithOperations(new OperationDefinition("read", OperationKind.Read))
            .WithLoad(LoadShape.Ramping(0, [new(TimeSpan.FromSeconds(1), 4), new(TimeSpan.FromSeconds(1), 4)]))
            .WithDuration(TimeSpan.FromSeconds(2));

        await FakeClockRun.RunAsync(scenario, clock);

        // Tolerance: the ramp is re-read every 10 ms (one operation) and the last operation may end after the window.
        Assert.All(new[] { 175, 150, 125, 100 }.Zip(operations), pair => Assert.InRange(pair.Second, pair.First - 2, pair.First + 2));
    }
}
