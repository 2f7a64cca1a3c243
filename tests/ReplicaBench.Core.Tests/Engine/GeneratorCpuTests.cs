using ReplicaBench.Engine;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Tests.Engine;

/// <summary>The generator's CPU per operation, on a fake clock and a fake CPU counter whose true answer is set here.</summary>
public sealed class GeneratorCpuTests
{
    [Fact]
    public async Task Cpu_per_operation_is_the_cpu_each_operation_burns_over_the_measured_window_only()
    {
        var clock = FakeClockRun.NewClock();
        long cpuMicroseconds = 0;
        // Every operation "burns" 250 µs of CPU and takes 10 ms; the warm-up's operations burn 10x
        // as much, so a window that let any warm-up CPU in would show it at once.
        var measuring = false;
        var scenario = FakeClockRun.Scenario("burn", context =>
        {
            var op = context.Operation("burn");
            return new ScriptedUser(async ct =>
            {
                var outcome = await FakeClockRun.Takes(clock, TimeSpan.FromMilliseconds(10), LoadOutcome.Success(op), ct);
                Interlocked.Add(ref cpuMicroseconds, Volatile.Read(ref measuring) ? 250 : 2_500);
                return outcome;
            });
        })
        .WithLoad(LoadShape.Closed(2))
        .WithWarmUp(TimeSpan.FromSeconds(1))
        .WithDuration(TimeSpan.FromSeconds(2));
        var ended = 0;
        var options = new LoadRunOptions
        {
            ProcessCpuTime = () => TimeSpan.FromMicroseconds(Interlocked.Read(ref cpuMicroseconds)),
            MeasurementStarted = _ => Volatile.Write(ref measuring, true),
            MeasurementEnded = _ => ended++,
        };

        var result = await FakeClockRun.RunAsync(scenario, clock, options);

        var cpu = Assert.IsType<GeneratorCpu>(result.GeneratorCpu);
        // 2 users x 100 operations of 10 ms in 2 s: 400 operations (the two on the window's edge
        // either side), each 250 µs: exactly what the window's CPU divided by its operations gives.
        Assert.InRange(result.Total.Completed, 400, 402);
        Assert.Equal(250, cpu.MicrosecondsPerOperation(result.Total.Completed)!.Value, 1e-9);
        Assert.Equal(TimeSpan.FromMicroseconds(250 * result.Total.Completed), cpu.CpuTime);
        Assert.Equal(0.05, cpu.CoresUsed, 0.001);
        Assert.Equal(Environment.ProcessorCount, cpu.Cores);
        Assert.Equal(1, ended);
    }

    [Fact]
    public void No_operation_has_no_cpu_per_operation_and_no_window_uses_no_cores()
    {
        var cpu = new GeneratorCpu(TimeSpan.FromMilliseconds(5), TimeSpan.Zero, 2);

        Assert.Null(cpu.MicrosecondsPerOperation(0));
        Assert.Equal(0, cpu.CoresUsed);
    }
}
