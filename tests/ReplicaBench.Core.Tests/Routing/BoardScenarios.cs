using Microsoft.Extensions.Time.Testing;
using ReplicaBench.Routing;

namespace ReplicaBench.Tests.Routing;

/// <summary>
/// Named states of a two-replica topology (and one with none) for the policy table: what the
/// board says about each replica and what the session has written. Samples are stamped on the
/// scenario's fake clock, which is the clock the lag-aware policies are given.
/// </summary>
internal sealed class BoardScenarios
{
    public const ulong ReplayedLsn = 5_000;
    public const ulong SessionWriteLsn = 6_000;

    private static readonly long FreshLagMicroseconds = 200;
    private static readonly long FarBehindMicroseconds = 5_000_000;

    private static readonly Dictionary<string, Action<BoardScenarios>> Setups = new(StringComparer.Ordinal)
    {
        ["healthy"] = s => s.SampleBoth(FreshLagMicroseconds),
        ["replica2 down"] = s =>
        {
            s.SampleBoth(FreshLagMicroseconds);
            s.Board.MarkDown(1);
        },
        ["replica2 lagging"] = s =>
        {
            s.Sample(0, ReplayedLsn, FreshLagMicroseconds);
            s.Sample(1, ReplayedLsn, FarBehindMicroseconds);
        },
        ["both lagging"] = s => s.SampleBoth(FarBehindMicroseconds),
        ["lag unknown"] = _ => { },
        ["samples aged"] = s =>
        {
            s.SampleBoth(0);
            s.Time.Advance(TimeSpan.FromSeconds(2));
        },
        ["after write, replicas behind"] = s =>
        {
            s.SampleBoth(FreshLagMicroseconds);
            s.Session.RecordWrite(SessionWriteLsn);
        },
        ["after write, replica1 caught up"] = s =>
        {
            s.Sample(0, SessionWriteLsn, FreshLagMicroseconds);
            s.Sample(1, ReplayedLsn, FreshLagMicroseconds);
            s.Session.RecordWrite(SessionWriteLsn);
        },
        ["after write, both caught up"] = s =>
        {
            s.Sample(0, SessionWriteLsn + 1, FreshLagMicroseconds);
            s.Sample(1, SessionWriteLsn, FreshLagMicroseconds);
            s.Session.RecordWrite(SessionWriteLsn);
        },
        ["all down"] = s =>
        {
            s.SampleBoth(FreshLagMicroseconds);
            s.Board.MarkDown(0);
            s.Board.MarkDown(1);
        },
        ["no replicas"] = _ => { },
    };

    private BoardScenarios(string name)
    {
        Board = new NodeStateBoard(name == "no replicas" ? 0 : 2);
        Setups[name](this);
    }

    public static IEnumerable<string> Names => Setups.Keys;

    public FakeTimeProvider Time { get; } = new();

    public NodeStateBoard Board { get; }

    public RoutingSession Session { get; } = new(1);

    public static BoardScenarios Create(string name) => new(name);

    private void SampleBoth(long lagMicroseconds)
    {
        Sample(0, ReplayedLsn, lagMicroseconds);
        Sample(1, ReplayedLsn, lagMicroseconds);
    }

    private void Sample(int replica, ulong replayLsn, long lagMicroseconds) =>
        Board.SetReplicaSample(replica, replayLsn, lagMicroseconds, Time.GetTimestamp());
}
