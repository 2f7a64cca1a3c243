using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

public sealed class ReplicaRecheckerTests
{
    private readonly NodeStateBoard _board = new(3);
    private readonly List<int> _probed = [];
    private readonly List<int> _markedUp = [];
    private readonly HashSet<int> _reachable = [];

    [Fact]
    public async Task Only_replicas_marked_down_are_probed_and_those_that_answer_come_back()
    {
        _board.MarkDown(0);
        _board.MarkDown(2);
        _reachable.Add(2);

        await Rechecker().CheckOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal([0, 2], _probed);
        Assert.False(_board.IsHealthy(0));
        Assert.True(_board.IsHealthy(2));
        Assert.Equal([2], _markedUp);
    }

    [Fact]
    public async Task A_down_replica_is_probed_on_every_tick_until_it_answers()
    {
        var time = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        _board.MarkDown(1);
        var loop = Rechecker().RunAsync(TimeSpan.FromSeconds(2), time, stop.Token);

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForProbesAsync(0);
        time.Advance(TimeSpan.FromSeconds(1));
        await WaitForProbesAsync(1);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForProbesAsync(2);
        Assert.False(_board.IsHealthy(1));

        _reachable.Add(1);
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitForProbesAsync(3);
        Assert.True(_board.IsHealthy(1));

        await stop.CancelAsync();
        await loop;
    }

    private ReplicaRechecker Rechecker() => new(_board, ProbeAsync, r => _markedUp.Add(r));

    private Task<bool> ProbeAsync(int replica, CancellationToken cancellationToken)
    {
        lock (_probed)
        {
            _probed.Add(replica);
        }

        return Task.FromResult(_reachable.Contains(replica));
    }

    private async Task WaitForProbesAsync(int expected)
    {
        // The loop continues on the thread pool after a fake tick; give it a moment, then check exactly.
        for (var i = 0; i < 1000 && ProbeCount() < expected; i++)
        {
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Equal(expected, ProbeCount());
    }

    private int ProbeCount()
    {
        lock (_probed)
        {
            return _probed.Count;
        }
    }
}
