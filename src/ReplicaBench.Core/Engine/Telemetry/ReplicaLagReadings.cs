using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ReplicaBench.Engine.Telemetry;

/// <summary>
/// The latest lag reading per replica, written by the lag sampler (a few times a second at most)
/// and read by the <see cref="ReplicaBenchMeter.ReplicaLag"/> gauge whenever an exporter collects.
/// </summary>
public sealed class ReplicaLagReadings
{
    private readonly ConcurrentDictionary<string, double> _seconds = new(StringComparer.Ordinal);

    /// <summary>The readings the process-wide gauge reports.</summary>
    public static ReplicaLagReadings Shared { get; } = new();

    public void Set(string replica, double seconds) => _seconds[replica] = seconds;

    /// <summary>A replica that left the topology (promoted, removed) stops being reported instead of showing its last lag forever.</summary>
    public void Remove(string replica) => _seconds.TryRemove(replica, out _);

    /// <summary>Sampling starts on a new set of replicas (a new cell, a failover): the others stop being reported.</summary>
    public void KeepOnly(IEnumerable<string> replicas)
    {
        var kept = replicas.ToHashSet(StringComparer.Ordinal);
        foreach (var replica in _seconds.Keys.Where(r => !kept.Contains(r)))
        {
            Remove(replica);
        }
    }

    public IEnumerable<Measurement<double>> Observe() =>
        [.. _seconds.Select(r => new Measurement<double>(r.Value, new KeyValuePair<string, object?>("replica", r.Key)))];
}
