using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Engine;
using ReplicaBench.Routing;
using ReplicaBench.Routing.Policies;

namespace ReplicaBench.Tests.Routing;

/// <summary>How the lag-aware policies read lag samples: sample age, tie tolerance, exact LSN boundaries.</summary>
public sealed class LagAwarePolicyTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly RoutingSession _session = new(1);

    [Fact]
    public void Bounded_staleness_counts_the_age_of_the_sample()
    {
        var board = new NodeStateBoard(1);
        var policy = new BoundedStalenessPolicy(TimeSpan.FromSeconds(1), _time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 100_000, _time.GetTimestamp());

        _time.Advance(TimeSpan.FromMilliseconds(850));
        Assert.Equal(RoutingDecision.Replica(1), policy.Decide(OperationKind.Read, _session, board));

        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(RoutingDecision.FallbackToPrimary(1), policy.Decide(OperationKind.Read, _session, board));
    }

    [Fact]
    public void A_50ms_bound_refuses_a_replica_whose_10ms_lag_was_sampled_60ms_ago()
    {
        var board = new NodeStateBoard(1);
        var policy = new BoundedStalenessPolicy(TimeSpan.FromMilliseconds(50), _time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 10_000, _time.GetTimestamp());
        Assert.Equal(RoutingDecision.Replica(1), policy.Decide(OperationKind.Read, _session, board));

        // Replay may have stalled the moment after the sample: by now the replica may be 70 ms behind.
        _time.Advance(TimeSpan.FromMilliseconds(60));

        Assert.Equal(RoutingDecision.FallbackToPrimary(1), policy.Decide(OperationKind.Read, _session, board));
    }

    [Fact]
    public void Bounded_staleness_routes_on_the_samples_upper_bound_not_its_estimate()
    {
        var board = new NodeStateBoard(1);
        var policy = new BoundedStalenessPolicy(TimeSpan.FromMilliseconds(50), _time);

        // Estimated 10 ms behind, but the primary was last seen at or below the replica's position
        // 45 ms before the sample: it may be 45 ms behind, and 10 ms later 55 ms.
        board.SetReplicaSample(0, 1, lagMicroseconds: 10_000, lagUpperBoundMicroseconds: 45_000, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(RoutingDecision.Replica(1), policy.Decide(OperationKind.Read, _session, board));

        _time.Advance(TimeSpan.FromMilliseconds(6));
        Assert.Equal(RoutingDecision.FallbackToPrimary(1), policy.Decide(OperationKind.Read, _session, board));
    }

    [Fact]
    public void Least_lag_ranks_replicas_by_their_estimates_not_their_upper_bounds()
    {
        var board = new NodeStateBoard(2);
        var policy = new LeastLagPolicy(_time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 1_000, lagUpperBoundMicroseconds: 30_000, _time.GetTimestamp());
        board.SetReplicaSample(1, 1, lagMicroseconds: 20_000, lagUpperBoundMicroseconds: 25_000, _time.GetTimestamp());

        var chosen = Enumerable.Range(0, 10).Select(_ => policy.Decide(OperationKind.Read, _session, board).ChosenNode);

        Assert.Equal([1], chosen.Distinct());
    }

    [Fact]
    public void Bounded_staleness_uses_a_replica_again_once_a_fresh_sample_arrives()
    {
        var board = new NodeStateBoard(1);
        var policy = new BoundedStalenessPolicy(TimeSpan.FromMilliseconds(100), _time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 400_000, _time.GetTimestamp());
        Assert.True(policy.Decide(OperationKind.Read, _session, board).FellBackToPrimary);

        board.SetReplicaSample(0, 2, lagMicroseconds: 2_000, _time.GetTimestamp());

        Assert.Equal(RoutingDecision.Replica(1), policy.Decide(OperationKind.Read, _session, board));
    }

    [Fact]
    public void A_lag_exactly_at_the_bound_is_too_stale()
    {
        var board = new NodeStateBoard(1);
        var policy = new BoundedStalenessPolicy(TimeSpan.FromMilliseconds(50), _time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 50_000, _time.GetTimestamp());

        Assert.True(policy.Decide(OperationKind.Read, _session, board).FellBackToPrimary);
    }

    [Theory]
    [InlineData(1_500, new[] { 1, 2 })]
    [InlineData(2_000, new[] { 1, 2 })]
    [InlineData(2_001, new[] { 1 })]
    [InlineData(900_000, new[] { 1 })]
    public void Least_lag_shares_reads_between_replicas_within_a_millisecond_of_the_freshest(long replica2LagMicroseconds, int[] expectedNodes)
    {
        var board = new NodeStateBoard(2);
        var policy = new LeastLagPolicy(_time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 1_000, _time.GetTimestamp());
        board.SetReplicaSample(1, 1, replica2LagMicroseconds, _time.GetTimestamp());

        var chosen = Enumerable.Range(0, 20).Select(_ => policy.Decide(OperationKind.Read, _session, board).ChosenNode);

        Assert.Equal(expectedNodes, chosen.Distinct().Order());
    }

    [Fact]
    public void Least_lag_moves_off_a_replica_whose_samples_stopped()
    {
        var board = new NodeStateBoard(2);
        var policy = new LeastLagPolicy(_time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 0, _time.GetTimestamp());
        _time.Advance(TimeSpan.FromMilliseconds(500));
        board.SetReplicaSample(1, 1, lagMicroseconds: 20_000, _time.GetTimestamp());

        var chosen = Enumerable.Range(0, 10).Select(_ => policy.Decide(OperationKind.Read, _session, board).ChosenNode);

        Assert.Equal([2], chosen.Distinct());
    }

    [Fact]
    public void Least_lag_uses_the_freshest_healthy_replica_when_the_freshest_is_down()
    {
        var board = new NodeStateBoard(3);
        var policy = new LeastLagPolicy(_time);
        board.SetReplicaSample(0, 1, lagMicroseconds: 90_000, _time.GetTimestamp());
        board.SetReplicaSample(1, 1, lagMicroseconds: 10_000, _time.GetTimestamp());
        board.SetReplicaSample(2, 1, lagMicroseconds: 50_000, _time.GetTimestamp());
        board.MarkDown(1);

        Assert.Equal(new RoutingDecision(2, 3, true), policy.Decide(OperationKind.Read, _session, board));
    }

    [Theory]
    [InlineData(5_999, true)]
    [InlineData(6_000, false)]
    [InlineData(6_001, false)]
    public void Read_your_writes_needs_the_replay_lsn_to_reach_the_write(ulong replayLsn, bool fallsBack)
    {
        var board = new NodeStateBoard(1);
        var policy = new ReadYourWritesPolicy();
        _session.RecordWrite(6_000);
        board.SetReplicaSample(0, replayLsn, lagMicroseconds: -1);

        Assert.Equal(fallsBack, policy.Decide(OperationKind.Read, _session, board).FellBackToPrimary);
    }

    [Fact]
    public void Read_your_writes_follows_each_session_s_own_writes()
    {
        var board = new NodeStateBoard(1);
        var policy = new ReadYourWritesPolicy();
        var writer = new RoutingSession(1);
        var other = new RoutingSession(2);
        writer.RecordWrite(9_000);
        board.SetReplicaSample(0, 8_000, lagMicroseconds: 0);

        Assert.True(policy.Decide(OperationKind.Read, writer, board).FellBackToPrimary);
        Assert.Equal(RoutingDecision.Replica(1), policy.Decide(OperationKind.Read, other, board));
    }
}
