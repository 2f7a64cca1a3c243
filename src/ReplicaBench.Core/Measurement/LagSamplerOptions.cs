namespace ReplicaBench.Measurement;

/// <summary>Cadence, timeouts and clock origin for <see cref="LagSampler"/>.</summary>
public sealed record LagSamplerOptions
{
    /// <summary>Time between rounds.</summary>
    /// <value>1 s: the cadence of monitoring dashboards and of <c>wal_receiver_status_interval</c>
    /// on the local topology, so <c>pg_stat_replication</c> has new figures every round.</value>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one node may take to answer before its figures are reported as an error.</summary>
    /// <value>2 s: enough for a first connection with TLS to a remote endpoint; a slow round only
    /// delays the next one (rounds never pile up).</value>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> value that <see cref="LagSample.Elapsed"/> counts
    /// from; pass the load run's start to put samples on its timeline.</summary>
    /// <value>Null: when the sampler was created.</value>
    public long? OriginTimestamp { get; init; }

    internal void Validate()
    {
        if (Interval <= TimeSpan.Zero || QueryTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), "interval and query timeout must be positive");
        }
    }
}
