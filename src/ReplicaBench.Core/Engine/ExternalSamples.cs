using System.Collections.Concurrent;
using ReplicaBench.Engine.RunResults;

namespace ReplicaBench.Engine;

/// <summary>
/// The door through which other components put timestamped values into a run's time series —
/// e.g. a lag sampler appending each replica's server-reported replay lag every second — so that
/// client-observed and server-reported figures end up on one timeline. Thread-safe; appending
/// never blocks. Pass it in <see cref="LoadRunOptions.Samples"/>; it must use the run's clock.
/// </summary>
public sealed class ExternalSamples
{
    private readonly ConcurrentQueue<PendingSample> _pending = new();

    public ExternalSamples(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Appends a value observed now. Series names are free text, e.g. <c>replica1.replayLagMs</c>.</summary>
    public void Append(string series, double value) => Append(series, value, TimeProvider.GetTimestamp());

    /// <summary>Appends a value observed at <paramref name="timestamp"/> (from <see cref="TimeProvider.GetTimestamp"/>).</summary>
    public void Append(string series, double value, long timestamp)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        _pending.Enqueue(new PendingSample(series, value, timestamp));
    }

    /// <summary>Moves everything appended so far into <paramref name="into"/>, as offsets from the run start.</summary>
    internal void Drain(Func<long, TimeSpan> offsetOf, List<ExternalSample> into)
    {
        while (_pending.TryDequeue(out var sample))
        {
            into.Add(new ExternalSample(sample.Series, offsetOf(sample.Timestamp), sample.Value));
        }
    }

    private readonly record struct PendingSample(string Series, double Value, long Timestamp);
}
