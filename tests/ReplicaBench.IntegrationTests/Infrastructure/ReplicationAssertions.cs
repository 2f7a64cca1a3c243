using System.Diagnostics;
using System.Globalization;
using ReplicaBench.Engine;
using ReplicaBench.Topology;

namespace ReplicaBench.IntegrationTests.Infrastructure;

/// <summary>
/// What "a primary with streaming replicas" must do, whichever provider made it: the local and
/// containers tests both call these, so the two providers are held to the same checks.
/// </summary>
internal static class ReplicationAssertions
{
    /// <summary>Every node reachable, the primary not in recovery, every replica streaming.</summary>
    public static async Task EveryReplicaStreamsAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        var statuses = await TopologyStatusReader.ReadAsync(topology, cancellationToken);

        Assert.All(statuses, s => Assert.True(s.Reachable, s.Error));
        Assert.Equal(topology.Nodes.Select(n => n.Role == NodeRole.Replica), statuses.Select(s => s.InRecovery ?? false));
        Assert.All(statuses.Where(s => s.Role == NodeRole.Replica), s => Assert.Equal("streaming", s.ReplicationState));
    }

    /// <summary>A row committed on the primary becomes visible on every replica.</summary>
    public static async Task RowReachesEveryReplicaAsync(TopologyDescriptor topology, CancellationToken cancellationToken)
    {
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, cancellationToken);
        var id = Random.Shared.NextInt64(1, long.MaxValue);

        await Rows.InsertMarkerAsync(topology.Primary.ConnectionString, id, cancellationToken);
        var sinceCommit = Stopwatch.StartNew();

        foreach (var replica in topology.Replicas)
        {
            await Rows.WaitUntilVisibleAsync(replica.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), cancellationToken);
        }
    }

    /// <summary>
    /// The delayed replica never sees a row before its apply delay, while the undelayed one sees it
    /// well within half of it (median of three, so one scheduling hiccup on a busy 2-core machine
    /// does not decide; the lower bound holds for every sample).
    /// </summary>
    public static async Task ApplyDelayHoldsOnlyOnAsync(
        TopologyDescriptor topology, string delayedReplica, string undelayedReplica, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Rows.EnsureMarkerTableAsync(topology.Primary.ConnectionString, cancellationToken);
        var undelayed = new List<TimeSpan>();

        for (var sample = 0; sample < 3; sample++)
        {
            var id = Random.Shared.NextInt64(1, long.MaxValue);
            // Timed from before the commit is sent: the delay counts from the commit's timestamp, which
            // the server takes before it flushes the commit and answers (on a busy disk tens of ms
            // before), so a clock started after the answer would see the delay end early.
            var sinceCommit = Stopwatch.StartNew();
            await Rows.InsertMarkerAsync(topology.Primary.ConnectionString, id, cancellationToken);
            var delayedTask = Rows.WaitUntilVisibleAsync(topology.FindNode(delayedReplica)!.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), cancellationToken);
            undelayed.Add(await Rows.WaitUntilVisibleAsync(topology.FindNode(undelayedReplica)!.ConnectionString, id, sinceCommit, TimeSpan.FromSeconds(10), cancellationToken));
            var delayed = await delayedTask;

            // Started before the commit's timestamp, the clock can only read more than the delay (1 ms: timer granularity).
            Assert.True(
                delayed >= delay - TimeSpan.FromMilliseconds(1),
                $"{delayedReplica} saw the row after {delayed.TotalMilliseconds:0} ms, before its {delay.TotalMilliseconds} ms apply delay");
        }

        var median = undelayed.Order().ElementAt(1);
        Assert.True(
            median < delay / 2,
            $"undelayed {undelayedReplica} took {string.Join(", ", undelayed.Select(t => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)))} ms");
    }
}
