using System.Diagnostics;
using ReplicaBench.IntegrationTests.Infrastructure;
using ReplicaBench.Workload;

namespace ReplicaBench.IntegrationTests.Workload;

/// <summary>
/// Per-read staleness checks against the ground truth of the shared topology: replica2 applies every
/// commit 300 ms late, replica1 and the primary do not.
/// </summary>
public sealed class StalenessCheckTests(SharedTopologyFixture fixture)
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(700);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_on_the_delayed_replica_after_an_update_are_stale_by_the_time_since_the_ack_until_the_delay_passes()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var replica2 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica2")!.ConnectionString, Token);
        await using var onPrimary = new WorkloadCommands(primary);
        await using var onReplica2 = new WorkloadCommands(replica2);
        var acknowledged = new AcknowledgedVersions(WorkloadDatabase.SharedRows);
        var key = Random.Shared.NextInt64(1, WorkloadDatabase.SharedRows);
        await onReplica2.PointReadAsync(key, Token); // prepare before the clock matters

        var write = await onPrimary.UpdateAsync(key, Token);
        acknowledged.Record(write);

        var staleAges = new List<TimeSpan>();
        TimeSpan visibleAfter;
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var read = await onReplica2.PointReadAsync(key, Token);
            var freshness = acknowledged.Check(key, read.Version, started);
            if (read.Version == write.Version)
            {
                Assert.False(freshness.IsStale);
                visibleAfter = Stopwatch.GetElapsedTime(write.AcknowledgedTimestamp, started);
                break;
            }

            Assert.Equal(write.Version - 1, read.Version);
            Assert.True(freshness.IsStale);
            Assert.Equal(started - write.AcknowledgedTimestamp, freshness.AgeTicks);
            staleAges.Add(freshness.Age);
            Assert.True(staleAges.Count < 1_000, "replica2 never showed the update");
            await Task.Delay(5, Token);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{staleAges.Count} stale reads, ages {staleAges[0].TotalMilliseconds:0.0}..{staleAges[^1].TotalMilliseconds:0.0} ms; new version visible {visibleAfter.TotalMilliseconds:0.0} ms after the ack");

        // Lower bounds are the ground truth (nothing is visible before the apply delay); upper bounds
        // allow for a busy 2-core machine, where replay and polling can run late.
        var delay = SharedTopologyFixture.Replica2ApplyDelay;
        Assert.NotEmpty(staleAges);
        Assert.True(staleAges[0] < delay, $"the first read right after the ack was already {staleAges[0].TotalMilliseconds:0} ms stale");
        Assert.True(staleAges[^1] < visibleAfter, "a stale read started after the first fresh one");
        Assert.InRange(visibleAfter, delay - TimeSpan.FromMilliseconds(30), delay + Slack);
    }

    [Fact]
    public async Task The_same_read_on_the_primary_right_after_the_ack_is_fresh()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var commands = new WorkloadCommands(primary);
        var acknowledged = new AcknowledgedVersions(WorkloadDatabase.SharedRows);
        var key = Random.Shared.NextInt64(1, WorkloadDatabase.SharedRows);

        var write = await commands.UpdateAsync(key, Token);
        acknowledged.Record(write);
        var started = Stopwatch.GetTimestamp();
        var read = await commands.PointReadAsync(key, Token);

        Assert.Equal(write.Version, read.Version);
        Assert.Equal(ReadFreshness.Fresh, acknowledged.Check(key, read.Version, started));
    }

    [Fact]
    public async Task A_session_reading_the_delayed_replica_records_stale_reads_and_read_your_writes_violations_and_one_reading_the_primary_none()
    {
        var topology = fixture.Topology;
        await WorkloadDatabase.EnsureSeededAsync(topology, Token);
        await using var primary = await WorkloadDatabase.OpenAsync(topology.Primary.ConnectionString, Token);
        await using var replica2 = await WorkloadDatabase.OpenAsync(topology.FindNode("replica2")!.ConnectionString, Token);
        await using var writes = new WorkloadCommands(primary);
        await using var replicaReads = new WorkloadCommands(replica2);
        var acknowledged = new AcknowledgedVersions(WorkloadDatabase.SharedRows);
        // A hot set so that reads meet recently updated rows, as on a busy site.
        var keys = KeyChooser.HotSet(WorkloadDatabase.SharedRows, 0.0005, 90);

        var onReplica = await RunAsync(replicaReads);
        var onPrimary = await RunAsync(writes);

        Assert.True(onReplica.StaleReads > 0, "reads on the delayed replica were never stale");
        Assert.True(onReplica.ReadYourWrites.Violations > 0, "the delayed replica never broke read-your-writes");
        Assert.True(onPrimary.Reads > 0 && onPrimary.Writes > 0);
        Assert.Equal(0, onPrimary.StaleReads);
        Assert.Equal(0, onPrimary.ReadYourWrites.Violations);
        Assert.True(onPrimary.ReadYourWrites.ReadsOfOwnWrites > 0, "the primary session never read its own writes, so its zero proves nothing");

        async Task<WorkloadSession> RunAsync(WorkloadCommands reads)
        {
            var session = new WorkloadSession(1, WorkloadMix.Balanced, keys, await InsertKeyRange.ReserveAsync(primary, Token), acknowledged, new Random(7));
            for (var i = 0; i < 400; i++)
            {
                var next = session.Next();
                var outcome = await session.ExecuteAsync(next, next.Kind == global::ReplicaBench.Engine.OperationKind.Read ? reads : writes, Token);
                Assert.Equal(next.Operation, outcome.Operation);
            }

            return session;
        }
    }
}
