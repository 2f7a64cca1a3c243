using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

/// <summary>
/// A fake-clock run that writes its interval log and series: three users mixing reads (on the
/// primary and replica1, every fourth one stale) and writes, with operation times that vary.
/// </summary>
internal static class MixedReadWriteRun
{
    /// <param name="directory">Where the run writes its files.</param>
    /// <param name="name">The scenario's name.</param>
    /// <param name="timeSpread">Operations take 1 to this many ms of fake time.</param>
    /// <param name="think">Each user's pause between operations, ms.</param>
    public static Task<LoadRunResult> RunAsync(string directory, string name, int timeSpread, int think)
    {
        var clock = FakeClockRun.NewClock();
        var scenario = FakeClockRun.Scenario(name, context =>
        {
            var read = context.Operation("read");
            var write = context.Operation("write");
            var nodes = new[] { context.Node("primary"), context.Node("replica1") };
            var step = context.Index;
            return new ScriptedUser(ct =>
            {
                step++;
                var outcome = step % 3 == 0
                    ? LoadOutcome.Success(write, nodes[0])
                    : LoadOutcome.Success(read, nodes[step % 2], step % 4 == 0 ? StalenessObservation.Stale(1000 * step) : StalenessObservation.Fresh);
                return FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(1 + (step % timeSpread)), outcome, ct);
            });
        })
        .WithOperations(new OperationDefinition("read", OperationKind.Read), new OperationDefinition("write", OperationKind.Write))
        .WithNodes([new NodeDefinition("primary", NodeRole.Primary), new NodeDefinition("replica1", NodeRole.Replica)])
        .WithLoad(LoadShape.Closed(3, ThinkTime.Fixed(TimeSpan.FromMilliseconds(think))))
        .WithWarmUp(TimeSpan.FromMilliseconds(500))
        .WithDuration(TimeSpan.FromSeconds(2));
        return FakeClockRun.RunAsync(scenario, clock, new LoadRunOptions { OutputDirectory = directory, ReportInterval = TimeSpan.FromMilliseconds(500) });
    }
}
