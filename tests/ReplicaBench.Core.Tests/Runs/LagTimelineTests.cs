using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;
using ReplicaBench.Results;
using ReplicaBench.Runs;

using ReplicaBench.Tests.Engine;

namespace ReplicaBench.Tests.Runs;

/// <summary>
/// Lag samples on the cell's one timeline, with a real engine run on a fake clock: the sampler
/// starts with the cell, the run 700 ms later (as when the router settles and the users connect),
/// and the warm-up lasts 1 s, so the measured window begins 1.7 s after the sampler's origin.
/// </summary>
public sealed class LagTimelineTests
{
    private static readonly TimeSpan BeforeTheRun = TimeSpan.FromMilliseconds(700);

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task Lag_samples_count_seconds_from_the_measured_start_and_only_those_inside_the_window_are_kept()
    {
        var (clock, origin, started, result) = await RunAsync();
        var measuredStart = LagTimeline.MeasuredStart(started, result, clock);

        // Taken (seconds after the sampler's origin) in the warm-up, at the measured start, 2.5 s in,
        // at the measured end and during the drain.
        ReplicaLagPoint[] taken = [.. new[] { 1.2, 1.7, 4.2, 5.7, 6.0 }.Select(t => new ReplicaLagPoint(t, "replica1", t * 100, null, null))];
        var placed = LagTimeline.Place(taken, origin, measuredStart, result.MeasuredDuration, clock.TimestampFrequency);

        Assert.Equal([0.0, 2.5, 4.0], placed.Select(p => Math.Round(p.T, 9)));
        Assert.Equal([170.0, 420.0, 570.0], placed.Select(p => p.ReplayLagMs!.Value));
    }

    [Fact]
    public async Task A_sample_taken_as_a_measured_second_closes_has_that_seconds_t()
    {
        var (clock, origin, started, result) = await RunAsync();
        var measured = result.TimeSeries.Where(p => p.Phase == RunPhase.Measurement).ToArray();
        var second = measured[1];

        // The series' t (results.json) counts from the start of the first measured interval to the end of each.
        var seriesT = (second.End - measured[0].Start).TotalSeconds;
        var takenAt = (started - origin) / (double)clock.TimestampFrequency + second.End.TotalSeconds;
        var placed = LagTimeline.Place([new ReplicaLagPoint(takenAt, "replica1", 1, null, null)], origin, LagTimeline.MeasuredStart(started, result, clock), result.MeasuredDuration, clock.TimestampFrequency);

        Assert.Equal(2.0, seriesT, 9);
        Assert.Equal(seriesT, Assert.Single(placed).T, 9);
    }

    private static async Task<(Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, long Origin, long Started, LoadRunResult Result)> RunAsync()
    {
        var clock = FakeClockRun.NewClock();
        var origin = clock.GetTimestamp();
        clock.Advance(BeforeTheRun);
        long? started = null;
        var scenario = FakeClockRun.Scenario("steady", context =>
            {
                var op = context.Operation("steady");
                return new ScriptedUser(_ => ValueTask.FromResult(LoadOutcome.Success(op)));
            })
            .WithLoad(LoadShape.Closed(1, ThinkTime.Fixed(TimeSpan.FromMilliseconds(100))))
            .WithWarmUp(WarmUp)
            .WithDuration(Duration);

        var result = await FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { Started = at => started = at });

        Assert.Equal(origin + (long)(BeforeTheRun.TotalSeconds * clock.TimestampFrequency), started);
        Assert.Equal(Duration, result.MeasuredDuration);
        return (clock, origin, started!.Value, result);
    }
}
